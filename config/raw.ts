/**
 * The top-level keys as the stack gives them: strings, with lists and objects as JSON. Each is turned into the value
 * its schema types (an integer, a boolean, a list or an object) and checked against the schema.
 */
import type * as v from "valibot";
import { Collector } from "./errors";
import { check, defaultOf, metadataOf, unwrap } from "./fields";
import { CONFIG, ConfigKey, ConfigValues, docType, RawConfig } from "./schema";

export class RawReader {
    constructor(private readonly raw: RawConfig, private readonly c: Collector) {}

    /** Whether the stack sets the key. */
    has(key: ConfigKey): boolean {
        return this.raw[key] !== undefined;
    }

    /** The key's string as the stack gives it. */
    text(key: ConfigKey): string | undefined {
        return this.raw[key];
    }

    /**
     * The key's value as its type says: an integer string as a number, `true`/`false` as a boolean, a list or an object
     * from its JSON (anything else stays the string, for its check to report). Undefined when the key is not set, or
     * when its JSON does not parse (reported here).
     */
    decoded(key: ConfigKey): unknown {
        const text = this.raw[key];
        if (text === undefined) {
            return undefined;
        }
        const schema: v.GenericSchema = CONFIG.entries[key];
        const type = docType(schema);
        if (type === "integer") {
            return /^-?\d+$/.test(text.trim()) ? Number(text) : text;
        }
        if (type === "boolean") {
            return text === "true" ? true : text === "false" ? false : text;
        }
        if (type === "string" || literals(schema).includes(text)) {
            return text;
        }
        try {
            return JSON.parse(text);
        } catch {
            this.c.bad(key, text, metadataOf(schema).shape!, "not a list or object; set it in the stack file or with `pulumi config set --path`");
            return undefined;
        }
    }

    /** Checks the key's value against its schema: its output (the default when it is not set), or undefined after reporting. */
    check<K extends ConfigKey>(key: K): ConfigValues[K] | undefined {
        return check(this.c, key, CONFIG.entries[key] as v.GenericSchema, this.decoded(key)) as ConfigValues[K] | undefined;
    }

    /** The key's value, or its default when it is not set or not valid (reported). */
    value<K extends ConfigKey>(key: K): ConfigValues[K] {
        return this.check(key) ?? defaultOf(CONFIG.entries[key]) as ConfigValues[K];
    }
}

/** The string literals a key's value may also be, besides JSON (egress: "all"). */
function literals(schema: v.GenericSchema): unknown[] {
    const s = unwrap(schema) as { type: string; options?: { type: string; literal?: unknown }[] };
    return s.type === "union" ? (s.options ?? []).filter(o => o.type === "literal").map(o => o.literal) : [];
}
