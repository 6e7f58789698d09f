// Which build this is. `npm run package` (esbuild.mjs --production) builds the student flavour: no
// reference solution ships, and reference runs replay recordings (media/recorded). The repository's
// own build (npm start, the tests, staff) is the staff flavour, with dist/reference. esbuild defines
// HW6_FLAVOUR; where nothing defines it, this is the staff build.
declare const HW6_FLAVOUR: string | undefined;

export type Flavour = 'staff' | 'student';

export const flavour: Flavour = typeof HW6_FLAVOUR !== 'undefined' && HW6_FLAVOUR === 'student' ? 'student' : 'staff';
