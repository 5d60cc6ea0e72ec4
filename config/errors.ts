/**
 * How the config contract reports what is wrong: every problem at once, each as
 * `ec2-server:<key path>: got <value>, expected <what is allowed> (hint)`, secrets shown as `[secret]`.
 */
// One SDK module, not the SDK's index: tools/plan.ts checks a stack's config before it loads the SDK. Under the real
// runtime it is the module instance `@pulumi/pulumi` re-exports (pulumi.RunError), so RunError.isInstance holds.
import { RunError } from "@pulumi/pulumi/errors";

/** The config namespace: every key is `ec2-server:<key>`. */
export const NAMESPACE = "ec2-server";

/** The configuration was invalid; `errors` lists every problem. Extends RunError so Pulumi prints no stack trace. */
export class ConfigError extends RunError {
    constructor(public readonly errors: string[]) {
        super(formatErrors(errors));
        Object.setPrototypeOf(this, ConfigError.prototype);
        this.name = "ConfigError";
    }

    /**
     * How util.inspect shows it: the message, which is the whole report. @pulumi/pulumi's cmd/run inspects every
     * uncaught error for its tracing span (cmd/run/error.js defaultErrorMessage, `util.inspect(err, { colors: true })`),
     * RunErrors included. Under the real CLI (ts-node, source-map-support) that colored inspect of this error ran
     * until it failed with "RangeError: Invalid string length", so a bad config took many times longer to report
     * (tests/e2e lifecycle: the bad-config preview).
     */
    [Symbol.for("nodejs.util.inspect.custom")](): string {
        return `${this.name}: ${this.message}`;
    }
}

export function formatErrors(errors: string[]): string {
    const noun = errors.length === 1 ? "error" : "errors";
    return [
        `Invalid ${NAMESPACE} configuration (${errors.length} ${noun}); nothing was created:`,
        ...errors.map(e => `  - ${e}`),
        `Set values with \`pulumi config set ${NAMESPACE}:<key> <value>\` (objects and lists: --path or the stack file). Every key: docs/configuration.md.`,
    ].join("\n");
}

/**
 * Renders a given value for an error message; secrets are never shown. Long values are cut at 120 characters,
 * which still shows any KMS key ARN whole (the longest partition and region names make about 95).
 */
export function show(value: unknown, secret = false): string {
    if (secret) {
        return "[secret]";
    }
    const text = JSON.stringify(value) ?? String(value);
    return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}

/** Collects every problem of one config, in the order they are found. */
export class Collector {
    readonly errors: string[] = [];
    constructor(private readonly secretKeys: ReadonlySet<string>) {}

    /** Records `<key>: got <value>, expected <allowed>`. */
    bad(key: string, given: unknown, allowed: string, hint?: string): void {
        const topKey = key.split(/[.[]/)[0];
        const suffix = hint ? ` (${hint})` : "";
        this.errors.push(`${NAMESPACE}:${key}: got ${show(given, this.secretKeys.has(topKey))}, expected ${allowed}${suffix}`);
    }

    /** Records a conflict between keys. */
    conflict(message: string): void {
        this.errors.push(message);
    }

    /** Whether a key's value is secret (never shown). */
    isSecret(key: string): boolean {
        return this.secretKeys.has(key);
    }
}
