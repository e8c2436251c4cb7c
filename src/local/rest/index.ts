export { createRestHandler, type RestHandler, type RestHandlerDeps } from './createRestHandler.ts';
