// Problem 3's hidden checks (grading runs only): the staff side runs them (hidden.staff.ts); the
// student build resolves './hidden.staff' to './hidden.student', which has none.
export { hiddenChecks } from './hidden.staff';
