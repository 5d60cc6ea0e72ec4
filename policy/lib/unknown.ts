// Reading resource properties that may be unknown during `pulumi preview`.
//
// How the SDK presents unknowns (node_modules/@pulumi/policy/server.js, proxy.js, deserialize.js):
// the engine marshals every computed value as the string sentinel "04da6b54-80e4-46f7-96ec-b56ff0331ba9"
// (the same sentinel whatever the value's type). The SDK wraps `args.props` (and `args.provider.props`,
// and each stack resource's props) in `unknownCheckingProxy`, whose `get` trap THROWS `UnknownValueError`
// when the value read is one of the sentinels. If a policy lets that error escape, the SDK replaces the
// policy's verdict with an advisory "can't run policy ... during preview" diagnostic: the policy is
// effectively skipped. The helpers below catch that error and return the `UNKNOWN` symbol instead, so
// each policy decides its own safe verdict. They also recognise the raw sentinels, for values that are
// read from an object that is not proxied.
//
// Unknowns only occur in preview: during `pulumi up` the SDK resolves every input before registering the
// resource, so every policy runs again on known values before anything is created or changed.

// The sentinels and UnknownValueError are not in the SDK's typings (proxy.d.ts is empty), so take them
// from its proxy module at runtime: the same module instance the SDK's server uses.
const proxyModule = require("@pulumi/policy/proxy") as Record<string, unknown> & { UnknownValueError: new (...args: never[]) => Error };
const { UnknownValueError } = proxyModule;
const SENTINELS: ReadonlySet<unknown> = new Set(
    [
        "unknownBooleanValue",
        "unknownNumberValue",
        "unknownStringValue",
        "unknownArrayValue",
        "unknownAssetValue",
        "unknownArchiveValue",
        "unknownObjectValue",
    ].map(k => proxyModule[k]),
);

/** A value that cannot be known until the update runs. */
export const UNKNOWN: unique symbol = Symbol("unknown");
export type Unknown = typeof UNKNOWN;

/** True for the engine's unknown sentinels and for `UNKNOWN`. */
export function isUnknown(value: unknown): value is Unknown {
    return value === UNKNOWN || SENTINELS.has(value);
}

/**
 * Reads `obj[key]`. Returns `UNKNOWN` when the value is unknown (or `obj` itself is), `undefined` when
 * `obj` is not an object or has no such key. Never throws `UnknownValueError`.
 */
export function get(obj: unknown, key: string | number): unknown {
    if (obj === UNKNOWN) {
        return UNKNOWN;
    }
    if (obj === null || typeof obj !== "object") {
        return undefined;
    }
    let value: unknown;
    try {
        value = (obj as Record<string | number, unknown>)[key];
    } catch (e) {
        if (e instanceof UnknownValueError) {
            return UNKNOWN;
        }
        throw e;
    }
    return isUnknown(value) ? UNKNOWN : value;
}

/** Reads a nested property, e.g. `path(props, "metadataOptions", "httpTokens")`. */
export function path(obj: unknown, ...keys: (string | number)[]): unknown {
    return keys.reduce<unknown>((value, key) => get(value, key), obj);
}

/**
 * The elements of a list-valued property: `UNKNOWN` when the whole list is unknown, `[]` when it is
 * absent or not a list. Unknown elements come back as `UNKNOWN`.
 */
export function list(value: unknown): unknown[] | Unknown {
    if (isUnknown(value)) {
        return UNKNOWN;
    }
    if (!Array.isArray(value)) {
        return [];
    }
    const result: unknown[] = [];
    for (let i = 0; i < value.length; i++) {
        result.push(get(value, i));
    }
    return result;
}

/** A string value; `undefined` for absent or non-string values. */
export function str(value: unknown): string | Unknown | undefined {
    if (isUnknown(value)) {
        return UNKNOWN;
    }
    return typeof value === "string" ? value : undefined;
}

/**
 * A boolean value. Accepts `true`/`false` and the strings "true"/"false" in any case (launch templates
 * declare several booleans as strings); anything else is `undefined`.
 */
export function bool(value: unknown): boolean | Unknown | undefined {
    if (isUnknown(value)) {
        return UNKNOWN;
    }
    if (typeof value === "boolean") {
        return value;
    }
    if (typeof value === "string") {
        const s = value.trim().toLowerCase();
        if (s === "true") {
            return true;
        }
        if (s === "false") {
            return false;
        }
    }
    return undefined;
}

/** Renders a value for a violation message: strings quoted, unknowns as `(unknown)`. */
export function show(value: unknown): string {
    if (isUnknown(value)) {
        return "(unknown)";
    }
    if (value === undefined) {
        return "(not set)";
    }
    return JSON.stringify(value);
}
