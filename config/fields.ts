/**
 * The building blocks of the schema (config/schema.ts), and how a value is checked against one: each problem is
 * recorded as `<key path>: got <value>, expected <what is allowed> (hint)`, where the schema's message is what is
 * allowed, with its hint. Lists and objects are walked here, item by item and field by field, so the report lists the
 * problems in the order of the value and keeps what was valid for the rules that read it.
 */
import * as v from "valibot";
import { closest } from "../lib/aws-facts";
import { isRecord } from "../lib/values";
import { Collector } from "./errors";

/** What is allowed, with a hint when there is one: `an integer from 1 to 50 (did you mean …?)`. */
export function withHint(expected: string, hint: string | undefined): string {
    return hint ? `${expected} (${hint})` : expected;
}

/**
 * What a schema carries besides its checks (in a metadata action): for the docs, its type where the schema alone does
 * not say (a custom check), an integer's range and a default that depends on other fields; for the error when a key's
 * JSON does not parse, its shape; for the list walker, what each item is.
 */
export interface FieldMetadata {
    type?: string;
    /** What a key whose value is JSON must be, for the error when it is not JSON at all. */
    shape?: string;
    /** A list's item schema and what each item must be. */
    item?: v.GenericSchema;
    itemWhat?: string;
    nonEmpty?: boolean;
    min?: number;
    max?: number;
    /** What the docs say the default is, when it depends on other fields. */
    default?: string;
}

interface PipeItem {
    kind: string;
    type: string;
    pipe?: readonly PipeItem[];
    metadata?: FieldMetadata;
    description?: string;
}

/** The actions of a schema's pipes, outermost first: through optional(), and pipes inside pipes. */
function actionsOf(schema: v.GenericSchema): PipeItem[] {
    const out: PipeItem[] = [];
    const visit = (s: PipeItem): void => {
        for (const item of s.pipe ?? []) {
            if (item.kind === "schema") {
                if (item !== s) {
                    visit(item);
                }
            } else {
                out.push(item);
            }
        }
    };
    visit(schema as unknown as PipeItem);
    const inner = unwrap(schema);
    if (inner !== schema) {
        out.push(...actionsOf(inner));
    }
    return out;
}

/** The metadata of a schema, through optional() and pipes. */
export function metadataOf(schema: v.GenericSchema): FieldMetadata {
    return Object.assign({}, ...actionsOf(schema).filter(a => a.type === "metadata").map(a => a.metadata).reverse());
}

/** A key's or field's description. */
export function descriptionOf(schema: v.GenericSchema): string | undefined {
    return actionsOf(schema).find(a => a.type === "description")?.description;
}

/** The schema inside optional(): what a value must be when it is given. */
export function unwrap(schema: v.GenericSchema): v.GenericSchema {
    let s = schema as v.GenericSchema & { wrapped?: v.GenericSchema };
    while (s.type === "optional" && s.wrapped) {
        s = s.wrapped as typeof s;
    }
    return s;
}

/** The keys of an object schema, in its order. */
export function keysOf(schema: v.GenericSchema): string[] {
    return Object.keys((unwrap(schema) as unknown as { entries: Record<string, unknown> }).entries);
}

/** A schema's default, or undefined. */
export function defaultOf(schema: v.GenericSchema): unknown {
    return v.getDefault(schema as v.OptionalSchema<v.GenericSchema, unknown>);
}

/** `{a, b?, c?}`: an object's keys, optional ones marked, as the contract's messages show an object. */
export function shapeOf(schema: v.GenericSchema): string {
    const entries = (unwrap(schema) as unknown as { entries: Record<string, v.GenericSchema> }).entries;
    return `{${Object.entries(entries).map(([k, s]) => s.type === "optional" ? `${k}?` : k).join(", ")}}`;
}

/** Named, described: a key or field of the contract. */
export function field<S extends v.GenericSchema>(schema: S, description: string) {
    return v.pipe(schema, v.description(description));
}

/**
 * A whole number from `min` to `max` (no upper bound when max is undefined), as a JSON number or a numeric string
 * (`pulumi config set --path` may store either); the error shows the value as given. `required` says why a missing
 * value is an error (for a field that is not optional); `trim` takes a numeric string with spaces around it.
 */
export function wholeNumber(min: number, max: number | undefined,
    opts: { expected?: string; hint?: string; required?: string; trim?: boolean } = {}) {
    const expected = opts.expected ?? (max === undefined ? `an integer of ${min} or more` : `an integer from ${min} to ${max}`);
    const trim = opts.trim ?? true;
    const toWhole = (x: unknown): number | undefined => {
        const n = typeof x === "string" && /^-?\d+$/.test(trim ? x.trim() : x) ? Number(x) : x;
        return typeof n === "number" && Number.isInteger(n) && n >= min && (max === undefined || n <= max) ? n : undefined;
    };
    return v.pipe(
        v.custom<number | string>(x => toWhole(x) !== undefined,
            issue => issue.input === undefined && opts.required ? withHint(expected, `required: ${opts.required}`) : withHint(expected, opts.hint)),
        v.transform(x => toWhole(x)!),
        v.metadata({ type: "integer", min, max }),
    );
}

/**
 * A top-level integer key: the stack gives a string, which RawReader turns into a number when it is an integer
 * (so an error shows 0, not "0"), and leaves as it is when not.
 */
export function integerKey(min: number, max: number) {
    const expected = `an integer from ${min} to ${max}`;
    return v.pipe(v.number(expected), v.integer(expected), v.minValue(min, expected), v.maxValue(max, expected), v.metadata({ type: "integer", min, max }));
}

/** One of a few words, with a suggestion for a typo. */
export function choice<const T extends readonly string[]>(options: T, expected: string) {
    return v.picklist(options, issue => {
        const suggestion = typeof issue.input === "string" ? closest(issue.input, options, 3) : undefined;
        return withHint(expected, suggestion ? `did you mean "${suggestion}"?` : undefined);
    });
}

/** A list of strings, each once, each as `item` says; `itemWhat` is what the errors say each item must be. */
export function stringList(item: v.GenericSchema<unknown, string>, itemWhat: string, nonEmpty: boolean) {
    const expected = nonEmpty ? `a non-empty list; each item ${itemWhat}` : `a list; each item ${itemWhat}`;
    return v.pipe(
        v.array(item, expected),
        v.check(list => !nonEmpty || list.length > 0, expected),
        v.check(list => new Set(list).size === list.length, "each item once (duplicate)"),
        v.metadata({ type: "list of strings", item, itemWhat, nonEmpty }),
    );
}

/** A value that is JSON in the stack (a list or an object); `shape` is what the error says when it is not JSON. */
export function json<S extends v.GenericSchema>(schema: S, shape: string) {
    return v.pipe(schema, v.metadata({ shape }));
}

/** Checks `value` against `schema`: its output, or undefined after recording each problem under `path`. */
export function check<S extends v.GenericSchema>(c: Collector, path: string, schema: S, value: unknown): v.InferOutput<S> | undefined {
    const result = v.safeParse(schema, value, { abortPipeEarly: true });
    if (result.success) {
        return result.output;
    }
    for (const issue of result.issues) {
        const at = (issue.path ?? []).map(p => typeof p.key === "number" ? `[${p.key}]` : `.${String(p.key)}`).join("");
        c.bad(`${path}${at}`, issue.input, issue.message);
    }
    return undefined;
}

/**
 * `value` as an object whose keys are all the schema's (each other key is an error, with a suggestion); else
 * undefined. `shape` is what the error says the value must be when it is not an object.
 */
export function objectWithKeys(c: Collector, key: string, value: unknown, schema: v.GenericSchema, shape: string): Record<string, unknown> | undefined {
    if (!isRecord(value)) {
        c.bad(key, value, shape);
        return undefined;
    }
    unknownKeys(c, key, value, keysOf(schema), "only the keys", "unknown key");
    return value;
}

/** Each key of `value` that is not in `allowed`: `<what> a, b, c (<noun>; did you mean …?)`. */
export function unknownKeys(c: Collector, key: string, value: Record<string, unknown>, allowed: readonly string[], what: string, noun: string): string[] {
    const unknown = Object.keys(value).filter(k => !allowed.includes(k));
    for (const k of unknown) {
        const s = closest(k, allowed, 3);
        c.bad(`${key}.${k}`, value[k], `${what} ${allowed.join(", ")}`, s ? `${noun}; did you mean "${s}"?` : noun);
    }
    return unknown;
}

/**
 * A list of strings as its schema (stringList) says, item by item: each bad item and each repeat is an error at its
 * index; the valid items are returned, so the rules that read the list still run.
 */
export function readStringList(c: Collector, key: string, value: unknown, schema: v.GenericSchema): string[] {
    const { item, itemWhat, nonEmpty } = metadataOf(schema);
    if (value === undefined) {
        return [];
    }
    if (!Array.isArray(value) || (nonEmpty && value.length === 0)) {
        c.bad(key, value, nonEmpty ? `a non-empty list; each item ${itemWhat}` : `a list; each item ${itemWhat}`);
        return [];
    }
    const out: string[] = [];
    value.forEach((x, i) => {
        if (!v.is(item!, x)) {
            c.bad(`${key}[${i}]`, x, itemWhat!);
        } else if (out.includes(x as string)) {
            c.bad(`${key}[${i}]`, x, "each item once", "duplicate");
        } else {
            out.push(x as string);
        }
    });
    return out;
}
