import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import * as yaml from "js-yaml";
import { CONFIG, DEFAULTS } from "../../config";
import { configTable, generatedFiles, pulumiYamlConfig, TABLE_END, TABLE_START, withConfigTable, withPulumiYamlConfig } from "../../config/docs";
import { descriptionOf } from "../../config/fields";

const REPO = path.join(__dirname, "..", "..");
const read = (file: string) => fs.readFileSync(path.join(REPO, file), "utf8");

describe("config/docs", () => {
    it("docs/configuration.md and Pulumi.yaml are what the schema generates", () => {
        for (const [file, text] of Object.entries(generatedFiles(read))) {
            assert.ok(read(file) === text, `${file} is not what config/schema.ts generates: run \`npm run docs\` and commit the result`);
        }
    });

    it("renders a row for every key and every field of the object-valued keys, with type, default and description", () => {
        const rows = configTable().split("\n").filter(l => l.startsWith("| `"));
        assert.equal(rows.length, 28 + 6 + 9 + 11 + 11 + 10 + 6 + 2 + 3 + 7);
        const row = (key: string) => rows.find(r => r.startsWith(`| \`${key}\` |`));
        assert.equal(row("instanceCount"), "| `instanceCount` | integer, 1 to 50 | `1` | Number of identical servers (1 to 50), spread round-robin over the subnets. |");
        assert.equal(row("autoScaling.min"), "| `autoScaling.min` | integer, 0 to 100 | `1` | The fewest servers, 0–100. |");
        assert.equal(row("autoScaling.max"), "| `autoScaling.max` | integer, 0 to 100 | required | The most servers, from min to 100. |");
        assert.equal(row("loadBalancer.port"),
            "| `loadBalancer.port` | integer, 1 to 65535 | 443 with certificateArn, else 80 | The listener port, 1–65535. Not 80 with certificateArn: port 80 carries the listener that redirects HTTP to HTTPS. |");
        assert.equal(row("egress")?.split(" | ").slice(0, 3).join(" | "), "| `egress` | \"all\" or list of objects | `all`");
        assert.equal(row("rootVolume")?.split(" | ")[2], "`{\"sizeGiB\":8,\"type\":\"gp3\",\"encrypted\":true}`");
        // Each object's fields follow its row.
        const at = (key: string) => rows.indexOf(row(key)!);
        assert.deepEqual([at("autoScaling"), at("autoScaling.min"), at("autoScaling.schedules"), at("autoScaling.schedules[].name"), at("autoScaling.instanceTypes")],
            [at("autoScaling"), at("autoScaling") + 1, at("autoScaling") + 6, at("autoScaling") + 7, at("autoScaling") + 13]);
    });

    it("declares in Pulumi.yaml, as YAML reads it back, each key with a default, its Pulumi type, the schema's description and default", () => {
        const parsed = yaml.load(`name: x\n${pulumiYamlConfig()}`) as { config: Record<string, { type: string; items?: { type: string }; description: string; default: unknown }> };
        assert.deepEqual(Object.keys(parsed.config), Object.keys(DEFAULTS).map(k => `ec2-server:${k}`));
        for (const [key, value] of Object.entries(DEFAULTS)) {
            const decl = parsed.config[`ec2-server:${key}`];
            assert.equal(decl.description, descriptionOf(CONFIG.entries[key as keyof typeof CONFIG.entries]), key);
            assert.deepEqual(decl.default, value, key);
        }
        assert.deepEqual(parsed.config["ec2-server:sshCidrs"], { type: "array", items: { type: "string" }, description: parsed.config["ec2-server:sshCidrs"].description, default: [] });
        // A description with ": " is quoted; one without stays plain.
        assert.match(pulumiYamlConfig(), /^ {4}description: "NAT gateways for the private subnets \(needs privateSubnets: true\)/m);
        assert.match(pulumiYamlConfig(), /^ {4}description: Detailed \(1-minute\) CloudWatch monitoring, billed\.$/m);
    });

    it("replaces only what lies between the table markers, and only Pulumi.yaml's config block", () => {
        assert.equal(withConfigTable(`# Title\n\n${TABLE_START}\nold\n${TABLE_END}\n\nAfter.\n`, "NEW"), `# Title\n\n${TABLE_START}\nNEW\n${TABLE_END}\n\nAfter.\n`);
        assert.throws(() => withConfigTable("# no markers\n"), { message: `docs/configuration.md has no ${TABLE_START} … ${TABLE_END} markers` });
        assert.equal(withPulumiYamlConfig("name: x\nruntime: nodejs\nconfig:\n  old: 1\n", "config:\n  new: 2\n"), "name: x\nruntime: nodejs\nconfig:\n  new: 2\n");
        assert.throws(() => withPulumiYamlConfig("name: x\n"), { message: "Pulumi.yaml has no top-level config: block" });
    });
});
