// npm run config:docs [-- --check]
//
// Writes what config/docs.ts renders from the config schema (config/schema.ts): the configuration table of
// docs/configuration.md, between its markers, and the `config:` block of Pulumi.yaml. With --check it writes nothing
// and exits 1 when either file differs (tests/config/docs.spec.ts checks the same).
import * as fs from "node:fs";
import * as path from "node:path";
import { generatedFiles } from "../config/docs";
import { isMain, parseCli, runCli, UsageError } from "./lib/cli";

const ROOT = path.join(__dirname, "..");
const USAGE = "usage: npm run config:docs [-- --check]";

export async function main(argv: string[], root = ROOT): Promise<number> {
    const { positionals, flags } = parseCli(argv, { booleans: ["check"] });
    if (positionals.length > 0) {
        throw new UsageError(`unexpected argument ${positionals[0]}`);
    }
    const read = (file: string) => fs.readFileSync(path.join(root, file), "utf8");
    const stale = Object.entries(generatedFiles(read)).filter(([file, text]) => read(file) !== text);
    for (const [file, text] of stale) {
        if (flags.check) {
            process.stderr.write(`${file} is not what config/schema.ts generates; run \`npm run config:docs\`\n`);
        } else {
            fs.writeFileSync(path.join(root, file), text);
            process.stdout.write(`wrote ${file}\n`);
        }
    }
    return flags.check && stale.length > 0 ? 1 : 0;
}

if (isMain(module)) {
    runCli(() => main(process.argv.slice(2)), USAGE);
}
