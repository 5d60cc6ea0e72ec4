/**
 * Checking a value against a valibot schema the way this project reports problems: every problem at once, in the
 * order of the value, each at its key path (`images.ami-123.architecture`, `resources[1].custom`) with the schema's
 * message. The offline engine's file readers (the facts file, plan files, the policy config) use it, each rendering the
 * problems in its own words; the config contract walks its values in config/fields.ts, which adds hints and keeps
 * what was valid for the cross-key rules.
 *
 * Loads valibot (a few milliseconds): a module that needs only a file format's types and constants does not import
 * this, and the readers are loaded when first called.
 */
import * as v from "valibot";
import { isRecord } from "./values";

/** One problem: where it is (a key path under the prefix given; "" for the value itself), what is there, the message. */
export interface Problem {
    path: string;
    input: unknown;
    message: string;
}

export type Checked<T> = { success: true; output: T } | { success: false; problems: Problem[] };

/** `prefix` followed by the issue's path: `.key` for a key, `[i]` for an index; without a prefix, no leading dot. */
export function pathOf(issue: v.BaseIssue<unknown>, prefix = ""): string {
    const at = (issue.path ?? []).map(p => (typeof p.key === "number" ? `[${p.key}]` : `.${String(p.key)}`)).join("");
    return prefix === "" ? at.replace(/^\./, "") : `${prefix}${at}`;
}

/**
 * Checks `value` against `schema`: its output, or every problem, under `prefix`. Each value's own checks stop at the
 * first that fails (abortPipeEarly), so a value gets one message: what is allowed.
 */
export function validate<S extends v.GenericSchema>(schema: S, value: unknown, prefix = ""): Checked<v.InferOutput<S>> {
    const result = v.safeParse(schema, value, { abortPipeEarly: true });
    return result.success
        ? { success: true, output: result.output }
        : { success: false, problems: result.issues.map(issue => ({ path: pathOf(issue, prefix), input: issue.input, message: issue.message })) };
}

/** A message that shows the value given: `got "amd64", expected one of x86_64, arm64`. */
export function gotExpected(expected: string): (issue: v.BaseIssue<unknown>) => string {
    return issue => `got ${JSON.stringify(issue.input)}, expected ${expected}`;
}

/**
 * An object with these fields, each checked by its own schema in the schema's order. Unlike valibot's object(), a
 * missing field is checked as undefined by its own schema, so the problem says what the field must be (valibot's
 * object() would give the object's message), and a list is not an object. Other keys are left out of the output.
 */
export function shape<const E extends v.ObjectEntries>(entries: E, message: v.ErrorMessage<v.CustomIssue>) {
    const missing = Object.fromEntries(Object.keys(entries).map(k => [k, undefined]));
    return v.pipe(
        v.custom<Record<string, unknown>>(isRecord, message),
        v.transform(input => ({ ...missing, ...input })),
        v.object(entries),
    );
}

/** A value that must pass `schema` as a whole: one problem, with `message`, at the value itself. */
export function whole<S extends v.GenericSchema>(schema: S, message: string): v.GenericSchema<unknown, v.InferOutput<S>> {
    return v.pipe(
        v.unknown(),
        v.rawTransform(({ dataset, addIssue, NEVER }) => {
            const result = v.safeParse(schema, dataset.value);
            if (result.success) {
                return result.output;
            }
            addIssue({ message });
            return NEVER;
        }),
    );
}

type Entry<T> = v.GenericSchema<unknown, T>;

/**
 * The object's own keys in its order, each checked: the key by `key` (its problem is at the key), the value by the
 * schema `valueFor` gives, or, when that gives none, a problem saying `unknown(key)`. valibot's record() and object()
 * skip the keys __proto__, prototype and constructor, which JSON.parse and js-yaml give as own keys; this checks
 * every key, so no entry of a file goes unchecked.
 */
function eachEntry<T>(
    message: v.ErrorMessage<v.CustomIssue>,
    valueFor: (key: string) => Entry<T> | undefined,
    key?: v.GenericSchema<string>,
    unknown?: (key: string) => string,
): v.GenericSchema<unknown, Record<string, T>> {
    return v.pipe(
        v.custom<Record<string, unknown>>(isRecord, message),
        v.rawTransform(({ dataset, config, addIssue, NEVER }) => {
            const input = dataset.value;
            const nested = { abortEarly: config.abortEarly, abortPipeEarly: config.abortPipeEarly, lang: config.lang };
            const output: [string, T][] = [];
            for (const [k, value] of Object.entries(input)) {
                const at = (origin: "key" | "value"): v.ObjectPathItem => ({ type: "object", origin, input, key: k, value });
                for (const issue of key ? v.safeParse(key, k, nested).issues ?? [] : []) {
                    addIssue({ message: issue.message, input: k, path: [at("key")] });
                }
                const schema = valueFor(k);
                if (schema === undefined) {
                    addIssue({ message: unknown!(k), input: value, path: [at("value")] });
                    continue;
                }
                const result = v.safeParse(schema, value, nested);
                if (result.success) {
                    output.push([k, result.output]);
                } else {
                    for (const issue of result.issues) {
                        addIssue({ message: issue.message, input: issue.input, path: [at("value"), ...(issue.path ?? [])] });
                    }
                }
            }
            // Object.fromEntries defines each key as its own, "__proto__" included.
            return dataset.issues ? NEVER : Object.fromEntries(output);
        }),
    );
}

/** An object of any keys (each checked by `key`, when given), every value checked by `value`, in the object's order. */
export function mapping<T>(message: v.ErrorMessage<v.CustomIssue>, value: Entry<T>, key?: v.GenericSchema<string>): v.GenericSchema<unknown, Record<string, T>> {
    return eachEntry(message, () => value, key);
}

/**
 * An object whose keys are all among `entries`, each optional, checked in the object's order (so the problems
 * follow the value, as a reader of the file sees it); each other key is a problem, `unknown(key)`.
 */
export function fields<const E extends Record<string, Entry<unknown>>>(
    entries: E,
    message: v.ErrorMessage<v.CustomIssue>,
    unknown: (key: string) => string,
): v.GenericSchema<unknown, { [K in keyof E]?: v.InferOutput<E[K]> }> {
    const known = (k: string) => (Object.hasOwn(entries, k) ? entries[k] : undefined);
    return eachEntry(message, known, undefined, unknown) as v.GenericSchema<unknown, { [K in keyof E]?: v.InferOutput<E[K]> }>;
}

/** Checks only the keys of an object: each key not in `allowed` is a problem, `unknown(key)`. Its output is {}. */
export function onlyKeys(allowed: readonly string[], unknown: (key: string) => string): v.GenericSchema<unknown, Record<string, never>> {
    return v.pipe(
        v.unknown(),
        v.rawTransform(({ dataset, addIssue }) => {
            const input = isRecord(dataset.value) ? dataset.value : {};
            for (const k of Object.keys(input).filter(k => !allowed.includes(k))) {
                addIssue({ message: unknown(k), input: input[k], path: [{ type: "object", origin: "value", input, key: k, value: input[k] }] });
            }
            return {};
        }),
    );
}
