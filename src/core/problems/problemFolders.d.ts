// `import modules from 'problem-folders:<file>'`: <file>'s exports from every problem folder that has
// one, by folder name. The bundler writes the module (scripts/problemFolders.mjs).
declare module 'problem-folders:*' {
  const modules: Readonly<Record<string, Readonly<Record<string, unknown>> | undefined>>;
  export default modules;
}
