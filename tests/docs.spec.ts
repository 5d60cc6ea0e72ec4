/**
 * The documentation a reader follows: README.md, docs/ and CONTRIBUTING.md. Every relative link reaches a file (and
 * its heading), every `npm run` script a reader is told to run exists, README.md stays short enough to read, and the
 * policy table lists exactly the pack's policies with their default levels.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { policies } from "../policy/policies";

const ROOT = path.join(__dirname, "..");
const DOCS = ["README.md", "CONTRIBUTING.md", ...fs.readdirSync(path.join(ROOT, "docs")).filter(f => f.endsWith(".md")).map(f => `docs/${f}`)];
const read = (file: string) => fs.readFileSync(path.join(ROOT, file), "utf8");

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to dashes. */
function anchor(heading: string): string {
    return heading.trim().toLowerCase().replace(/[^\p{L}\p{N} _-]/gu, "").replace(/ /g, "-");
}

function anchors(markdown: string): Set<string> {
    const out = new Set<string>();
    let fenced = false;
    for (const line of markdown.split("\n")) {
        if (line.startsWith("```")) {
            fenced = !fenced;
        } else if (!fenced && /^#{1,6} /.test(line)) {
            out.add(anchor(line.replace(/^#+ /, "")));
        }
    }
    return out;
}

/** The markdown outside code fences, where links are links. */
function prose(markdown: string): string {
    return markdown.split(/^```.*$/m).filter((_, i) => i % 2 === 0).join("\n");
}

describe("documentation", () => {
    it("README.md is for a user: at most 300 lines", () => {
        const lines = read("README.md").split("\n").length;
        assert.ok(lines <= 300, `README.md has ${lines} lines`);
    });

    for (const file of DOCS) {
        it(`${file}: every relative link reaches its file and heading`, () => {
            const broken: string[] = [];
            for (const m of prose(read(file)).matchAll(/\]\(([^)\s]+)\)/g)) {
                const target = m[1];
                if (/^[a-z]+:/.test(target)) {
                    continue;
                }
                const [rel, hash] = target.split("#");
                const resolved = rel === "" ? file : path.join(path.dirname(file), rel);
                if (!fs.existsSync(path.join(ROOT, resolved))) {
                    broken.push(`${target}: no file ${resolved}`);
                } else if (hash !== undefined && resolved.endsWith(".md") && !anchors(read(resolved)).has(hash)) {
                    broken.push(`${target}: no heading #${hash} in ${resolved}`);
                }
            }
            assert.deepEqual(broken, []);
        });

        it(`${file}: every npm script it names exists`, () => {
            const scripts = Object.keys(JSON.parse(read("package.json")).scripts as Record<string, string>);
            const named = [...read(file).matchAll(/npm run (?:-s )?([a-z][a-z0-9:-]*)/g)].map(m => m[1]);
            assert.deepEqual([...new Set(named.filter(s => !scripts.includes(s)))], []);
        });
    }

    it("docs/policies.md lists every policy of the pack with its default level, and no other", () => {
        const rows = [...read("docs/policies.md").matchAll(/^\| `([a-z0-9-]+)` \| (advisory|mandatory|disabled)( \(stack policy\))? \|/gm)]
            .map(m => `${m[1]} ${m[2]}${m[3] ? " stack" : ""}`);
        const pack = policies.map(p => `${p.name} ${p.enforcementLevel}${"validateStack" in p ? " stack" : ""}`);
        assert.deepEqual([...rows].sort(), [...pack].sort());
    });
});
