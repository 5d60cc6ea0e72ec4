/**
 * Policy pack configuration (`--policy-config FILE`), read, reconciled and validated as the Pulumi CLI does before it
 * configures a pack. Light: no gRPC; offline/policy/pack.ts sends the result.
 */
import * as fs from "node:fs";
import * as v from "valibot";
import { gotExpected, mapping, validate } from "../../lib/schema";
import { isRecord } from "../../lib/values";
import { ENFORCEMENT_LEVELS, EnforcementLevel } from "../plan/format";
import type { PolicyInfo } from "./analyzer";

/** The JSON file `pulumi preview --policy-pack-config <file>` takes: policy name (or "all") to a level or
 * to an object of config properties with an optional `enforcementLevel`. */
export type PolicyConfigFile = Record<string, unknown>;

/** One policy's config as the CLI sends it to the analyzer. */
export interface PolicyConfigEntry {
    enforcementLevel: EnforcementLevel | "";
    properties?: Record<string, unknown>;
}

const LEVELS = ENFORCEMENT_LEVELS;
export const isLevel = (v: unknown): v is EnforcementLevel => LEVELS.includes(v as EnforcementLevel);

const LEVELS_TEXT = `an enforcement level: ${LEVELS.slice(0, -1).join(", ")} or ${LEVELS[LEVELS.length - 1]}`;
const levelMessage = (value: unknown) => `got ${JSON.stringify(value)}, expected ${LEVELS_TEXT}`;

/**
 * The file's shape, every entry checked as pulumi/pulumi pkg/resource/analyzer/config.go parsePolicyPackConfig reads
 * it: a level, or an object of config properties whose optional `enforcementLevel` is a level (reported at that key).
 * The properties are checked against each policy's own config schema when the pack is configured
 * (reconcilePolicyConfig).
 */
const CONFIG_FILE = mapping(
    "expected a JSON object of policy names",
    v.pipe(
        v.union([v.string(), v.custom<Record<string, unknown>>(isRecord)], gotExpected(`${LEVELS_TEXT}, or an object of config properties with an optional enforcementLevel`)),
        v.check(entry => typeof entry !== "string" || isLevel(entry), issue => levelMessage(issue.input)),
        v.forward(
            v.check(entry => typeof entry === "string" || entry.enforcementLevel === undefined || isLevel(entry.enforcementLevel),
                issue => levelMessage((issue.input as Record<string, unknown>).enforcementLevel)),
            ["enforcementLevel"],
        ),
    ),
);

// ---------------------------------------------------------------------------------------------------
// Policy config, converted as the CLI converts it (pulumi/pulumi pkg/resource/analyzer/config.go:
// parsePolicyPackConfig, ReconcilePolicyPackConfig, validatePolicyPackConfig).
// ---------------------------------------------------------------------------------------------------

/** Reads a policy config JSON file, with an error naming the file when it is not valid. */
export function loadPolicyConfig(file: string): PolicyConfigFile {
    const text = fs.readFileSync(file, "utf8");
    if (text.trim() === "") {
        return {}; // the CLI accepts an empty file
    }
    let parsed: unknown;
    try {
        parsed = JSON.parse(text);
    } catch (e) {
        throw new Error(`Invalid JSON in policy config ${file}: ${(e as Error).message}`, { cause: e });
    }
    if (!isRecord(parsed)) {
        throw new Error(`Invalid policy config ${file}: expected a JSON object of policy names, got ${JSON.stringify(parsed)}`);
    }
    const checked = validate(CONFIG_FILE, parsed);
    if (!checked.success) {
        const problems = checked.problems.map(p => `${p.path}: ${p.message}`);
        throw new Error(`invalid policy config ${file} (${problems.length} error${problems.length === 1 ? "" : "s"}):\n  - ${problems.join("\n  - ")}`);
    }
    return parsed as PolicyConfigFile;
}

/** The CLI's parsePolicyPackConfig: a string is a level, an object holds properties and maybe a level. */
export function parsePolicyConfig(config: PolicyConfigFile, source = "policy config"): Record<string, PolicyConfigEntry> {
    const result: Record<string, PolicyConfigEntry> = {};
    for (const [name, value] of Object.entries(config)) {
        let entry: PolicyConfigEntry;
        if (typeof value === "string") {
            if (!isLevel(value)) {
                throw new Error(`${source}: parsing enforcement level for "${name}": "${value}" is not a valid enforcement level`);
            }
            entry = { enforcementLevel: value };
        } else if (value !== null && typeof value === "object" && !Array.isArray(value)) {
            const { enforcementLevel, ...properties } = value as Record<string, unknown>;
            if (enforcementLevel !== undefined && !isLevel(enforcementLevel)) {
                throw new Error(`${source}: parsing enforcement level for "${name}": ${JSON.stringify(enforcementLevel)} is not a valid enforcement level`);
            }
            entry = { enforcementLevel: enforcementLevel ?? "", properties: Object.keys(properties).length > 0 ? properties : undefined };
        } else {
            throw new Error(`${source}: parsing "${name}": ${JSON.stringify(value)} is not a valid value; must be a string or object`);
        }
        if (entry.enforcementLevel !== "" || entry.properties !== undefined) {
            result[name] = entry;
        }
    }
    return result;
}

function applyConfig(result: Record<string, PolicyConfigEntry>, toApply: Record<string, PolicyConfigEntry>): void {
    const all = toApply["all"];
    if (all !== undefined && isLevel(all.enforcementLevel)) {
        for (const entry of Object.values(result)) {
            entry.enforcementLevel = all.enforcementLevel;
        }
    }
    for (const [name, given] of Object.entries(toApply)) {
        const current = result[name] ?? { enforcementLevel: "" };
        result[name] = {
            enforcementLevel: isLevel(given.enforcementLevel) ? given.enforcementLevel : current.enforcementLevel,
            properties: given.properties !== undefined ? { ...current.properties, ...given.properties } : current.properties,
        };
    }
}

/**
 * The CLI's ReconcilePolicyPackConfig: every policy gets its default level and its schema defaults, then
 * the pack's initial config, then the given config ("all" first, then per policy); the result is
 * validated against each policy's config schema. Throws listing every validation error.
 */
export function reconcilePolicyConfig(
    policies: PolicyInfo[],
    given: Record<string, PolicyConfigEntry>,
    initial: Record<string, PolicyConfigEntry> = {},
): Record<string, PolicyConfigEntry> {
    const result: Record<string, PolicyConfigEntry> = {};
    for (const p of policies) {
        const defaults: Record<string, unknown> = {};
        for (const [key, schema] of Object.entries(p.configSchema?.properties ?? {})) {
            if (schema !== null && typeof schema === "object" && "default" in schema) {
                defaults[key] = (schema as { default: unknown }).default;
            }
        }
        result[p.name] = { enforcementLevel: p.enforcementLevel, properties: Object.keys(defaults).length > 0 ? defaults : undefined };
    }
    applyConfig(result, initial);
    applyConfig(result, given);
    const errors = policies.flatMap(p =>
        p.configSchema === undefined
            ? []
            : validateSchema({ type: "object", properties: p.configSchema.properties ?? {}, required: p.configSchema.required }, result[p.name].properties ?? {}, "")
                .map(e => `${p.name}: ${e}`),
    );
    if (errors.length > 0) {
        throw new Error(`Invalid policy pack config:\n  ${errors.join("\n  ")}`);
    }
    return result;
}

function jsonType(v: unknown): string {
    if (v === null) {
        return "null";
    }
    if (Array.isArray(v)) {
        return "array";
    }
    if (typeof v === "number") {
        return Number.isInteger(v) ? "integer" : "number";
    }
    return typeof v;
}

/**
 * The JSON Schema keywords the offline pack host checks, with gojsonschema's messages (the CLI validates policy config
 * with github.com/xeipuuv/gojsonschema: pulumi/pulumi pkg/resource/analyzer/config.go validatePolicyConfig). This
 * project's policies use no others (tests/policy/policies.spec.ts fails when one does), so a general JSON Schema library
 * would add a dependency and different messages for nothing; `default` and `description` are read, not checked.
 */
export const CONFIG_SCHEMA_KEYWORDS = [
    "type", "properties", "required", "items", "enum", "minimum", "maximum", "minLength", "minItems", "uniqueItems", "default", "description",
] as const;

/** The subset of JSON Schema in CONFIG_SCHEMA_KEYWORDS. */
function validateSchema(schema: Record<string, unknown>, value: unknown, where: string): string[] {
    const at = where === "" ? "" : `${where}: `;
    const type = schema["type"];
    const actual = jsonType(value);
    if (typeof type === "string" && !(type === actual || (type === "number" && actual === "integer"))) {
        return [`${at}Invalid type. Expected: ${type}, given: ${actual}`];
    }
    const errors: string[] = [];
    const sub = (key: string | number) => (where === "" ? String(key) : `${where}.${key}`);
    if (Array.isArray(schema["enum"]) && !schema["enum"].some(e => JSON.stringify(e) === JSON.stringify(value))) {
        errors.push(`${at}must be one of ${JSON.stringify(schema["enum"])}`);
    }
    if (typeof value === "number") {
        if (typeof schema["minimum"] === "number" && value < schema["minimum"]) {
            errors.push(`${at}Must be greater than or equal to ${schema["minimum"]}`);
        }
        if (typeof schema["maximum"] === "number" && value > schema["maximum"]) {
            errors.push(`${at}Must be less than or equal to ${schema["maximum"]}`);
        }
    }
    if (typeof value === "string" && typeof schema["minLength"] === "number" && value.length < schema["minLength"]) {
        errors.push(`${at}String length must be greater than or equal to ${schema["minLength"]}`);
    }
    if (Array.isArray(value)) {
        if (typeof schema["minItems"] === "number" && value.length < schema["minItems"]) {
            errors.push(`${at}Array must have at least ${schema["minItems"]} items`);
        }
        if (schema["uniqueItems"] === true && new Set(value.map(v => JSON.stringify(v))).size !== value.length) {
            errors.push(`${at}array items must be unique`);
        }
        const items = schema["items"];
        if (items !== null && typeof items === "object") {
            value.forEach((v, i) => errors.push(...validateSchema(items as Record<string, unknown>, v, sub(i))));
        }
    }
    if (actual === "object") {
        const obj = value as Record<string, unknown>;
        for (const key of (schema["required"] as string[] | undefined) ?? []) {
            if (!(key in obj)) {
                errors.push(`${key} is required`);
            }
        }
        const properties = (schema["properties"] ?? {}) as Record<string, unknown>;
        for (const [key, propSchema] of Object.entries(properties)) {
            if (key in obj && propSchema !== null && typeof propSchema === "object") {
                errors.push(...validateSchema(propSchema as Record<string, unknown>, obj[key], sub(key)));
            }
        }
    }
    return errors;
}
