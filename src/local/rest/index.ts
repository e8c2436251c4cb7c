export { createRestHandler } from './createRestHandler.ts';
