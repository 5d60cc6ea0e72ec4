/**
 * Reads a stack's configuration from Pulumi.yaml and Pulumi.<stack>.yaml the way the Pulumi CLI hands it to a
 * program: stack values as strings (objects and lists as JSON), project defaults for keys the stack does not
 * set, and `secure:` values as secrets. Encrypted values cannot be decrypted offline; they become a placeholder
 * that is still marked secret.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import * as yaml from "js-yaml";
import { SECRET_PLACEHOLDER } from "./plan/format";

export interface StackConfig {
    project: string;
    /** The stack's name: the last segment of the reference given (`prod` for `myorg/prod`). */
    stack: string;
    /** The organization of an org-qualified reference (`myorg/prod`, `myorg/ec2-server/prod`). */
    organization?: string;

    /** Full keys (`aws:region`, `ec2-server:instanceType`) to string values. */
    config: Record<string, string>;
    secretKeys: string[];
}

/** What an encrypted (`secure:`) value becomes offline: the plan format's secret placeholder. */
export { SECRET_PLACEHOLDER };

/**
 * A config value as the CLI hands it to the program: a string as it is; anything else as JSON with the keys of
 * every object sorted, as Go's encoding/json writes a map (the CLI's config.Value). So `aws:defaultTags` given as
 * `{Project, Environment}` reaches the program as `{"Environment":…,"Project":…}`, and key order shows in lists
 * built from it (an Auto Scaling group's tags).
 */
export function toConfigString(value: unknown): string {
    const sorted = (v: unknown): unknown => Array.isArray(v) ? v.map(sorted)
        : v && typeof v === "object" ? Object.fromEntries(Object.keys(v).sort().map(k => [k, sorted((v as Record<string, unknown>)[k])])) : v;
    return typeof value === "string" ? value : JSON.stringify(sorted(value));
}

function isSecure(value: unknown): boolean {
    return typeof value === "object" && value !== null && !Array.isArray(value) && Object.keys(value).length === 1 && "secure" in value;
}

/** A stack reference as `pulumi` takes one: `STACK`, `ORG/STACK` or `ORG/PROJECT/STACK`. */
export interface StackRef {
    organization?: string;
    project?: string;
    stack: string;
}

const NAME = /^[A-Za-z0-9_.-]{1,100}$/;

/**
 * Splits a stack reference into its parts, as the Pulumi CLI does (pkg/backend/httpstate ParseStackReference: one,
 * two or three segments). Throws an Error naming the reference and what is allowed.
 */
export function parseStackRef(ref: string): StackRef {
    const parts = ref.split("/");
    if (parts.length > 3) {
        throw new Error(`--stack ${ref}: expected STACK, ORG/STACK or ORG/PROJECT/STACK`);
    }
    const bad = parts.find(p => !NAME.test(p));
    if (bad !== undefined) {
        throw new Error(`--stack ${ref}: ${JSON.stringify(bad)} is not a${parts.length === 1 || bad === parts[parts.length - 1] ? " stack" : "n organization or project"} name: use 1 to 100 letters, digits, "-", "_" or "."`);
    }
    const stack = parts[parts.length - 1];
    return parts.length === 3 ? { organization: parts[0], project: parts[1], stack } : parts.length === 2 ? { organization: parts[0], stack } : { stack };
}

/** The file a stack's configuration is read from: `configFile` when given, else Pulumi.<stack>.yaml in `root`. */
export function stackFilePath(root: string, stack: string, configFile?: string): string {
    return configFile ?? path.join(root, `Pulumi.${stack}.yaml`);
}

/**
 * Reads the configuration of the stack `ref` (`dev`, `myorg/dev`, `myorg/ec2-server/dev`): its stack file is
 * Pulumi.<stack>.yaml, named after the last segment as `pulumi` names it, unless `configFile` is given (the CLI's
 * `--config-file`). Throws an Error naming the file on any problem (missing file, bad YAML, another project).
 */
export function readStackConfig(root: string, ref: string, configFile?: string): StackConfig {
    const projectFile = path.join(root, "Pulumi.yaml");
    const project = yaml.load(fs.readFileSync(projectFile, "utf8")) as { name?: string; config?: Record<string, unknown> } | undefined;
    if (!project?.name) {
        throw new Error(`${projectFile}: no project name`);
    }
    const { organization, project: refProject, stack } = parseStackRef(ref);
    if (refProject !== undefined && refProject !== project.name) {
        throw new Error(`--stack ${ref}: project ${JSON.stringify(refProject)} is not this project (Pulumi.yaml names ${JSON.stringify(project.name)})`);
    }
    const stackFile = stackFilePath(root, stack, configFile);
    if (!fs.existsSync(stackFile)) {
        if (configFile !== undefined) {
            throw new Error(`no stack file ${configFile} (--config-file)`);
        }
        const stacks = fs.readdirSync(root).map(f => /^Pulumi\.(.+)\.yaml$/.exec(f)?.[1]).filter((s): s is string => !!s);
        throw new Error(`no stack file ${path.basename(stackFile)}; stacks here: ${stacks.join(", ") || "none"}`);
    }
    let stackDoc: { config?: Record<string, unknown> } | undefined;
    try {
        stackDoc = yaml.load(fs.readFileSync(stackFile, "utf8")) as typeof stackDoc;
    } catch (err) {
        throw new Error(`${stackFile}: ${(err as Error).message}`, { cause: err });
    }
    const config: Record<string, string> = {};
    const secretKeys: string[] = [];
    const qualify = (key: string) => (key.includes(":") ? key : `${project.name}:${key}`);
    for (const [key, decl] of Object.entries(project.config ?? {})) {
        const full = qualify(key);
        if (decl && typeof decl === "object" && !Array.isArray(decl)) {
            const d = decl as { default?: unknown; value?: unknown };
            const v = d.value ?? d.default;
            if (v !== undefined) {
                config[full] = toConfigString(v);
            }
        } else if (decl !== undefined && decl !== null) {
            config[full] = toConfigString(decl);
        }
    }
    for (const [key, value] of Object.entries(stackDoc?.config ?? {})) {
        const full = qualify(key);
        if (isSecure(value)) {
            config[full] = SECRET_PLACEHOLDER;
            secretKeys.push(full);
        } else {
            config[full] = toConfigString(value);
        }
    }
    return { project: project.name, stack, ...(organization !== undefined ? { organization } : {}), config, secretKeys };
}
