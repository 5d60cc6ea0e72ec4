import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as ts from "typescript";
import { ComponentProvider } from "@pulumi/pulumi/provider/experimental";
import { AutoScaling } from "../../components/auto-scaling";
import { Instance } from "../../components/instance";
import { KeyPair } from "../../components/key-pair";
import { LoadBalancer } from "../../components/load-balancer";
import { Network } from "../../components/network";
import { SecurityGroup } from "../../components/security-group";

const COMPONENTS_DIR = path.join(__dirname, "..", "..", "components");
const COMPONENTS = { AutoScaling, Instance, KeyPair, LoadBalancer, Network, SecurityGroup };
const FILES = ["auto-scaling", "instance", "key-pair", "load-balancer", "network", "security-group"];
/** Component files that hold no component: types and helpers the components share. */
const SHARED = ["ssm-profile"];

interface Schema {
    resources: Record<string, { inputProperties: Record<string, Property> }>;
    types: Record<string, { properties?: Record<string, Property>; enum?: unknown[] }>;
}
interface Property {
    $ref?: string;
    items?: Property;
    additionalProperties?: Property;
}

/**
 * The schema @pulumi/pulumi's ComponentProvider infers for the components, as a component package would publish it.
 * Its analyzer reads a package directory (package.json, tsconfig.json, the entry point that exports the components) and
 * types each constructor's `args` with the TypeScript compiler; the package here is a temporary directory whose entry
 * point re-exports the component files.
 */
async function inferSchema(): Promise<Schema> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ec2-server-components-"));
    try {
        fs.writeFileSync(path.join(dir, "index.ts"), FILES.map(f => `export * from ${JSON.stringify(path.join(COMPONENTS_DIR, f))};\n`).join(""));
        fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "ec2-server", version: "0.0.0", main: "index.ts" }));
        fs.writeFileSync(path.join(dir, "tsconfig.json"), JSON.stringify({
            compilerOptions: { strict: true, target: "ES2022", module: "commonjs", moduleResolution: "node", types: [], skipLibCheck: true, noEmit: true },
            files: ["index.ts"],
        }));
        const provider = new ComponentProvider({ name: "ec2-server", dirname: dir, components: Object.values(COMPONENTS) });
        return JSON.parse(await provider.getSchema()) as Schema;
    } finally {
        fs.rmSync(dir, { recursive: true, force: true });
    }
}

/** The names of the schema's types that a component's inputs use, directly or through other types. */
function inputTypeNames(schema: Schema): Set<string> {
    const names = new Set<string>();
    const visit = (p: Property | undefined): void => {
        if (!p) {
            return;
        }
        const local = p.$ref?.match(/^#\/types\/ec2-server:index:(\w+)$/)?.[1];
        if (local && !names.has(local)) {
            names.add(local);
            Object.values(schema.types[`ec2-server:index:${local}`].properties ?? {}).forEach(visit);
        }
        visit(p.items);
        visit(p.additionalProperties);
    };
    Object.values(schema.resources).forEach(r => Object.values(r.inputProperties).forEach(visit));
    return names;
}

/** Every interface the component files declare, by name, with its optional properties and whether each documents a @default. */
function optionalProperties(): Map<string, { property: string; hasDefault: boolean }[]> {
    const out = new Map<string, { property: string; hasDefault: boolean }[]>();
    for (const file of [...FILES, ...SHARED]) {
        const source = ts.createSourceFile(`${file}.ts`, fs.readFileSync(path.join(COMPONENTS_DIR, `${file}.ts`), "utf8"), ts.ScriptTarget.ES2022, true);
        source.forEachChild(node => {
            if (ts.isInterfaceDeclaration(node)) {
                out.set(node.name.text, node.members.filter(ts.isPropertySignature).filter(m => m.questionToken).map(m => ({
                    property: m.name.getText(source),
                    hasDefault: ts.getJSDocTags(m).some(tag => tag.tagName.text === "default"),
                })));
            }
        });
    }
    return out;
}

describe("components: the schema a component package would publish", () => {
    let schema: Schema;
    before(async () => {
        // Throws on the first Args type the analyzer cannot express (a union other than an enum, an anonymous object).
        schema = await inferSchema();
    });

    it("infers every component from its constructor's Args", () => {
        assert.deepEqual(Object.keys(schema.resources).sort(), Object.keys(COMPONENTS).map(c => `ec2-server:index:${c}`).sort());
    });

    it("refers to other resources as resources (the listener a scaling policy waits for), not as objects of their fields", () => {
        assert.equal(schema.types["ec2-server:index:Resource"], undefined);
        assert.deepEqual(schema.resources["ec2-server:index:AutoScaling"].inputProperties.targetGroupAssociation.$ref?.replace(/v[\d.]+/, "v*"),
            "/aws/v*/schema.json#/resources/aws:lb%2Flistener:Listener");
    });

    it("documents a @default on every optional field of the Args and of every type they use", () => {
        const declared = optionalProperties();
        const used = [...Object.keys(COMPONENTS).map(c => `${c}Args`), ...inputTypeNames(schema)].filter(name => declared.has(name));
        assert.deepEqual(used.sort(), [
            "AutoScalingArgs", "AutoScalingSetting", "DataVolumeSettings", "ExistingNetwork", "FirewallRule", "InstanceArgs",
            "InstanceRefreshSetting", "KeyPairArgs", "LoadBalancerArgs", "LoadBalancerSetting", "NetworkArgs", "Partition", "RulePeer",
            "ScheduleSetting", "SecurityGroupArgs", "ServerSubnet", "SpotSetting", "VolumeSettings",
        ]);
        const missing = used.flatMap(name => declared.get(name)!.filter(p => !p.hasDefault).map(p => `${name}.${p.property}`));
        assert.deepEqual(missing, []);
    });
});
