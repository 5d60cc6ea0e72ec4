/**
 * What AWS (or the Pulumi engine) refuses, as the model reports it: AwsError when a create is refused (the model
 * throws it from a type's create), AwsRejection when an update or a delete is (offline/lifecycle-rules.ts).
 */

export class AwsError extends Error {
    constructor(code: string, message: string) {
        super(`${code}: ${message}`);
    }
}

/** What AWS or the engine refuses, with the error AWS or the engine gives. */
export class AwsRejection extends Error {
    /**
     * What AWS had already done when it refused a later call of the same update (the outputs the provider then
     * reports with its error, which the engine stores), or undefined when nothing changed.
     */
    applied?: Record<string, unknown>;

    constructor(public readonly code: string, message: string, public readonly source: string) {
        super(`${code}: ${message}`);
    }
}
