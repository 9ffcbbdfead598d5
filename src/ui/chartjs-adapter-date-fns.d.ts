// The adapter registers date-fns with chart.js when imported and ships no type declarations.
declare module 'chartjs-adapter-date-fns';
