/** @publicApi */
export class InvalidationRule {}
