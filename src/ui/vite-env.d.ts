/// <reference types="vite/client" />

/** The lessons, parsed when the bundle is built (vite/lessons.ts). */
declare module 'virtual:promlab/lessons' {
  const lessons: import('../lessons/types.ts').Lesson[];
  export default lessons;
}
