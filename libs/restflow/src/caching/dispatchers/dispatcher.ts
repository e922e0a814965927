/** @publicApi */
export abstract class Dispatcher {}
/** @publicApi */
export type DispatcherClass = new (...args: never[]) => Dispatcher;
