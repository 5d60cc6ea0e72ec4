/**
 * The documents generated from the schema: the configuration table of docs/configuration.md (between its markers)
 * and the `config:` block of Pulumi.yaml. `npm run docs` writes them (tools/docs.ts); a test fails when
 * either file differs from what this renders. Not loaded by config/index.ts: the program never needs it.
 */
import type * as v from "valibot";
import { defaultOf, descriptionOf, keysOf, metadataOf, unwrap } from "./fields";
import {
    AUTO_SCALING, CONFIG, DATA_VOLUME, DECLARABLE_TYPES, DEFAULTS, EGRESS_RULE, INGRESS_RULE, KNOWN_KEYS, LOAD_BALANCER, NAMESPACE,
    REFRESH, ROOT_VOLUME, SCHEDULE, SPOT, docType,
} from "./schema";

export const TABLE_START = "<!-- config-table:start -->";
export const TABLE_END = "<!-- config-table:end -->";
const GENERATED = "<!-- Generated from config/schema.ts by `npm run docs`: edit the schema, not this table. -->";

/** The object-valued keys, and objects inside them, whose fields get rows of their own, under the row of the key. */
const FIELDS: Record<string, [string, v.GenericSchema][]> = {
    rootVolume: [["rootVolume.", ROOT_VOLUME]],
    dataVolumes: [["dataVolumes[].", DATA_VOLUME]],
    ingress: [["ingress[].", INGRESS_RULE]],
    egress: [["egress[].", EGRESS_RULE]],
    autoScaling: [["autoScaling.", AUTO_SCALING]],
    "autoScaling.schedules": [["autoScaling.schedules[].", SCHEDULE]],
    "autoScaling.spot": [["autoScaling.spot.", SPOT]],
    "autoScaling.refresh": [["autoScaling.refresh.", REFRESH]],
    loadBalancer: [["loadBalancer.", LOAD_BALANCER]],
};

/** A value in a cell: strings as they are, everything else as JSON, in code. */
function code(value: unknown): string {
    return `\`${typeof value === "string" ? value : JSON.stringify(value)}\``;
}

/** Markdown table cell text: no line breaks, and a `|` that does not end the cell. */
function cell(text: string): string {
    return text.replace(/\s*\n\s*/g, " ").replace(/\|/g, "\\|");
}

/** The type column: the docs type, with an integer's range. */
function typeCell(schema: v.GenericSchema): string {
    const type = docType(schema);
    const { min, max } = metadataOf(schema);
    if (type !== "integer" || min === undefined) {
        return type;
    }
    return max === undefined ? `integer, ${min} or more` : `integer, ${min} to ${max}`;
}

/** The default column: the schema's default, what the docs say it is when it depends on other fields, or required/none. */
function defaultCell(schema: v.GenericSchema): string {
    const given = metadataOf(schema).default;
    if (given !== undefined) {
        return cell(String(given));
    }
    if (schema.type !== "optional") {
        return "required";
    }
    const value = defaultOf(schema);
    return value === undefined ? "–" : code(value);
}

/** The rows of `schema`'s entries, each followed by the rows of its own fields. */
function rows(prefix: string, schema: v.GenericSchema): string[] {
    const entries = (unwrap(schema) as unknown as { entries: Record<string, v.GenericSchema> }).entries;
    return keysOf(schema).flatMap(key => {
        const entry = entries[key];
        const path = `${prefix}${key}`;
        const row = `| \`${path}\` | ${typeCell(entry)} | ${defaultCell(entry)} | ${cell(descriptionOf(entry) ?? "")} |`;
        const nested = (FIELDS[path.replace(/\[\]\./g, ".").replace(/\.$/, "")] ?? []).flatMap(([p, s]) => rows(p, s));
        return [row, ...nested];
    });
}

/** The configuration reference: every key, then the fields of each object-valued key, with type, default and description. */
export function configTable(): string {
    return [
        GENERATED,
        "",
        "| Key | Type | Default | Description |",
        "|---|---|---|---|",
        ...rows("", CONFIG),
    ].join("\n");
}

/** `text` with what lies between the table markers replaced by `table`. */
export function withConfigTable(text: string, table = configTable()): string {
    const start = text.indexOf(TABLE_START);
    const end = text.indexOf(TABLE_END);
    if (start < 0 || end < start) {
        throw new Error(`docs/configuration.md has no ${TABLE_START} … ${TABLE_END} markers`);
    }
    return `${text.slice(0, start + TABLE_START.length)}\n${table}\n${text.slice(end)}`;
}

/** A YAML scalar: plain when YAML reads it back as the same string, else double-quoted (JSON is valid YAML). */
function yamlString(text: string): string {
    const plain = /^[A-Za-z0-9(/.][^\n]*$/.test(text) && !/: |\s#|:$|\s$/.test(text)
        && !/^(true|false|yes|no|on|off|null|~|[-+]?[0-9][0-9_.eE+-]*)$/i.test(text);
    return plain ? text : JSON.stringify(text);
}

function yamlValue(value: unknown): string {
    return typeof value === "string" ? yamlString(value) : JSON.stringify(value);
}

/** Pulumi's project config type of a key (DECLARABLE_TYPES), with its items for a list. */
function pulumiType(schema: v.GenericSchema): string[] {
    const type = docType(schema);
    if (!DECLARABLE_TYPES.includes(type)) {
        throw new Error(`config/docs.ts: ${type} is not a Pulumi project config type`);
    }
    return type === "list of strings" ? ["type: array", "items:", "  type: string"] : [`type: ${type}`];
}

/**
 * Pulumi.yaml's `config:` block: the keys with a default whose value Pulumi's project config types can say (DEFAULTS),
 * each with its type, description and default. A declared key without a default would be required in every stack,
 * and the real CLI checks every stack file against these declarations.
 */
export function pulumiYamlConfig(): string {
    const lines = [
        "config:",
        "  # Only keys with a default are declared: a declared key without one becomes required in every stack.",
        "  # Optional keys without a default (existingVpcId, publicKey, userData …) and object-valued keys (ingress,",
        "  # rootVolume, dataVolumes, tags …) are documented in docs/configuration.md and validated by the program.",
    ];
    for (const key of KNOWN_KEYS.filter(k => k in DEFAULTS)) {
        const schema = CONFIG.entries[key];
        lines.push(`  ${NAMESPACE}:${key}:`);
        lines.push(...pulumiType(schema).map(l => `    ${l}`));
        lines.push(`    description: ${yamlString(descriptionOf(schema) ?? "")}`);
        lines.push(`    default: ${yamlValue(DEFAULTS[key as keyof typeof DEFAULTS])}`);
    }
    return `${lines.join("\n")}\n`;
}

/** Pulumi.yaml with its `config:` block (the file's last) replaced by `block`. */
export function withPulumiYamlConfig(text: string, block = pulumiYamlConfig()): string {
    const start = text.search(/^config:/m);
    if (start < 0) {
        throw new Error("Pulumi.yaml has no top-level config: block");
    }
    return `${text.slice(0, start)}${block}`;
}

/** The generated files, relative to the repository root: what `npm run docs` writes and the test compares. */
export function generatedFiles(read: (file: string) => string): Record<string, string> {
    return {
        "docs/configuration.md": withConfigTable(read("docs/configuration.md")),
        "Pulumi.yaml": withPulumiYamlConfig(read("Pulumi.yaml")),
    };
}
