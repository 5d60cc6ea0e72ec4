// npm run -s plan:diff -- BASE.json HEAD.json [--markdown]
//
// Compares two offline plans of the same stack (BASE may also be a `pulumi stack export`: what is deployed now) and
// prints the diff the engine computes (offline/plan/diff.ts: changes, replacements and their cascades with what
// happens to the data, removals, what `pulumi up` would refuse, HEAD's new policy verdicts) as text, or with --markdown
// as GitHub-flavoured Markdown for a PR comment, with a Mermaid graph of HEAD.
//
// Exit codes: 1 when the change holds something `pulumi up` would refuse, or HEAD has a mandatory policy
// violation that BASE does not have; 2 for usage errors or unreadable / invalid plans; 0 otherwise.
import { parseCli, runCli, UsageError } from "./lib/cli";
import { ChangedResource, diffPlans, forceNewKind, PlanDiff, PropertyChange, readPlanFile, readPlanOrStackExport, renderValue } from "../offline";

export const USAGE = "usage: npm run -s plan:diff -- BASE.json HEAD.json [--markdown]   (BASE: a plan file or a `pulumi stack export`)";

function describeChange(c: PropertyChange): string {
    if (c.kind === "added") return `${c.path}: added ${renderValue(c.after)}`;
    if (c.kind === "removed") return `${c.path}: removed (was ${renderValue(c.before)})`;
    return `${c.path}: ${renderValue(c.before)} → ${renderValue(c.after)}`;
}

const UNCHECKED = "replacement not checked: type not in the force-new table (offline/aws/registry.ts)";

/** A custom resource with input changes whose type the replacement table does not cover. */
function unchecked(c: ChangedResource): boolean {
    return c.custom && c.changes.length > 0 && forceNewKind(c.type) === undefined;
}

function summaryLine(d: PlanDiff): string {
    const replaced = d.changed.filter((c) => c.replacement === "replace").length;
    const possible = d.changed.filter((c) => c.replacement === "possible").length;
    const parts = [
        `${d.added.length} to add`,
        `${d.changed.length} to change${replaced || possible ? ` (${replaced} replaced${possible ? `, ${possible} possibly replaced` : ""})` : ""}`,
        `${d.removed.length} to remove`,
    ];
    return parts.join(", ");
}

function policySummary(d: PlanDiff): string {
    if (!d.policy.evaluated) return "policy: not evaluated in HEAD plan";
    const mandatory = d.policy.head.filter((x) => x.enforcementLevel === "mandatory").length;
    const advisory = d.policy.head.filter((x) => x.enforcementLevel === "advisory").length;
    return `policy: ${d.policy.head.length} violation(s) (${mandatory} mandatory, ${advisory} advisory), ${d.policy.new.length} new, ${d.policy.resolved.length} resolved`;
}

/** The diff's one verdict: FAIL when `pulumi up` would refuse the change or HEAD adds a mandatory violation. */
export function verdictLine(d: PlanDiff): string {
    const fails = [
        ...(d.refusals.length > 0 ? [`${d.refusals.length} change(s) that \`pulumi up\` would refuse`] : []),
        ...(d.newMandatory.length > 0 ? [`${d.newMandatory.length} new mandatory policy violation(s)`] : []),
    ];
    return fails.length > 0 ? `FAIL: ${fails.join("; ")}` : "OK: no new mandatory policy violations";
}

/** True when the diff fails (exit 1). */
export function failed(d: PlanDiff): boolean {
    return d.refusals.length > 0 || d.newMandatory.length > 0;
}

export function renderText(d: PlanDiff): string {
    const out: string[] = [];
    out.push(`Plan diff for ${d.project}/${d.stack} (${d.region})`);
    out.push(`  ${summaryLine(d)}; ${d.refusals.length > 0 ? `${d.refusals.length} refused; ` : ""}${d.warnings.length} warning(s); ${policySummary(d)}`);
    if (d.baseRegion !== d.region) out.push(`  !! region changes from ${d.baseRegion} to ${d.region}: every resource is recreated elsewhere`);
    if (d.refusals.length > 0) {
        out.push("", `REFUSED: ${d.refusals.length} change(s) that the Pulumi engine or AWS would refuse; \`pulumi up\` would fail`);
        for (const f of d.refusals) {
            out.push(`  !! ${f.name}: ${f.message.replace(/\n/g, "\n     ")}`, `     (${f.source})`);
        }
    }
    if (d.warnings.length > 0) {
        out.push("", "WARNINGS");
        for (const w of d.warnings) {
            out.push(`  !! ${w.headline}`, `     ${w.urn}`);
            for (const l of w.lines) out.push(`     - ${l}`);
        }
    }
    if (d.added.length > 0) {
        out.push("", `ADDED (${d.added.length})`);
        for (const r of d.added) out.push(`  + ${r.type} "${r.name}"`);
    }
    if (d.changed.length > 0) {
        out.push("", `CHANGED (${d.changed.length})`);
        for (const c of d.changed) {
            const tag = c.replacement === "replace" ? " [REPLACE]" : c.replacement === "possible" ? " [POSSIBLE REPLACE]" : "";
            out.push(`  ~ ${c.type} "${c.name}"${tag}${unchecked(c) ? ` (${UNCHECKED})` : ""}`);
            for (const ch of c.changes) out.push(`      ${describeChange(ch)}`);
            for (const ch of c.optionChanges) out.push(`      (option) ${describeChange(ch)}`);
        }
    }
    if (d.ignored.length > 0) {
        out.push("", "IGNORED (ignoreChanges keeps the deployed value)");
        for (const r of d.ignored) out.push(`  = ${r.type} "${r.name}": ${r.paths.join(", ")}`);
    }
    if (d.removed.length > 0) {
        out.push("", `REMOVED (${d.removed.length})`);
        for (const r of d.removed) out.push(`  - ${r.type} "${r.name}"`);
    }
    if (d.outputs.length > 0) {
        out.push("", "OUTPUTS");
        for (const ch of d.outputs) out.push(`  ~ ${describeChange(ch)}`);
    }
    out.push("", "POLICY (HEAD)");
    if (!d.policy.evaluated) out.push("  not evaluated: the HEAD plan was written without the policy pack");
    else if (d.policy.head.length === 0) out.push("  no violations");
    for (const x of d.policy.head) {
        out.push(`  [${x.enforcementLevel}] ${x.policyName}${x.isNew ? " (NEW)" : ""}`);
        if (x.urn) out.push(`      ${x.urn}`);
        out.push(`      ${x.message.replace(/\n/g, "\n      ")}`);
    }
    for (const x of d.policy.resolved) out.push(`  resolved: [${x.enforcementLevel}] ${x.policyName}${x.urn ? ` ${x.urn}` : ""}`);
    out.push("");
    out.push(verdictLine(d));
    return `${out.join("\n")}\n`;
}

/** Inline code span that survives any backticks in the text. */
export function mdCode(s: string): string {
    const text = s.replace(/[\r\n]+/g, " ");
    const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
    const fence = "`".repeat(longest + 1);
    const pad = text.startsWith("`") || text.endsWith("`") ? " " : "";
    return `${fence}${pad}${text}${pad}${fence}`;
}

/** Escapes Markdown / HTML specials in prose. */
export function mdEscape(s: string): string {
    return s.replace(/[\\`*_[\]<>|#~]/g, (c) => `\\${c}`).replace(/\r?\n/g, " ");
}

function mdChange(c: PropertyChange): string {
    if (c.kind === "added") return `${mdCode(c.path)}: added ${mdCode(renderValue(c.after))}`;
    if (c.kind === "removed") return `${mdCode(c.path)}: removed (was ${mdCode(renderValue(c.before))})`;
    return `${mdCode(c.path)}: ${mdCode(renderValue(c.before))} → ${mdCode(renderValue(c.after))}`;
}

export function renderMarkdown(d: PlanDiff): string {
    const out: string[] = [];
    out.push(`### Plan diff: ${mdCode(`${d.project}/${d.stack}`)} (${mdCode(d.region)})`, "");
    out.push(`**${summaryLine(d)}** · ${d.warnings.length} warning(s) · ${policySummary(d)}`, "");
    if (d.refusals.length > 0) {
        out.push("> [!CAUTION]", `> **${d.refusals.length} change(s) that \`pulumi up\` would refuse**: the Pulumi engine or AWS refuses them before anything changes.`);
        for (const f of d.refusals) out.push(`> - ${mdCode(f.name)}: ${mdEscape(f.message)} (${mdEscape(f.source)})`);
        out.push("");
    }
    if (d.newMandatory.length > 0) {
        out.push("> [!CAUTION]", `> **${d.newMandatory.length} new mandatory policy violation(s)**: this change cannot be deployed as is.`, "");
    }
    if (d.baseRegion !== d.region) {
        out.push("> [!CAUTION]", `> Region changes from ${mdCode(d.baseRegion)} to ${mdCode(d.region)}: every resource is recreated.`, "");
    }
    for (const w of d.warnings) {
        out.push(w.severity === "danger" ? "> [!CAUTION]" : "> [!WARNING]");
        out.push(`> **${mdEscape(w.headline)}**  `, `> ${mdCode(w.urn)}`);
        for (const l of w.lines) out.push(`> - ${mdEscape(l)}`);
        out.push("");
    }
    out.push("#### Resources", "");
    if (d.added.length + d.changed.length + d.removed.length === 0) out.push("No resource changes.");
    for (const r of d.added) out.push(`- **added** ${mdCode(r.type)} ${mdCode(r.name)}`);
    for (const c of d.changed) {
        const tag = c.replacement === "replace" ? " **(replace)**" : c.replacement === "possible" ? " **(possible replace)**" : "";
        out.push(`- **changed** ${mdCode(c.type)} ${mdCode(c.name)}${tag}${unchecked(c) ? ` (${UNCHECKED})` : ""}`);
        for (const ch of c.changes) out.push(`  - ${mdChange(ch)}`);
        for (const ch of c.optionChanges) out.push(`  - option ${mdChange(ch)}`);
    }
    for (const r of d.removed) out.push(`- **removed** ${mdCode(r.type)} ${mdCode(r.name)}`);
    for (const r of d.ignored) {
        out.push(`- **ignored** ${mdCode(r.type)} ${mdCode(r.name)}: ${r.paths.map(mdCode).join(", ")} (ignoreChanges keeps the deployed value)`);
    }
    out.push("");
    if (d.outputs.length > 0) {
        out.push("#### Outputs", "");
        for (const ch of d.outputs) out.push(`- ${mdChange(ch)}`);
        out.push("");
    }
    out.push("#### Policy (HEAD)", "");
    if (!d.policy.evaluated) out.push("Not evaluated: the HEAD plan was written without the policy pack.");
    else if (d.policy.head.length === 0) out.push("No violations.");
    for (const x of d.policy.head) {
        const where = x.urn ? ` on ${mdCode(x.urn)}` : "";
        out.push(`- ${x.isNew ? "**NEW** " : ""}${mdCode(x.enforcementLevel)} **${mdEscape(x.policyName)}**${where}: ${mdEscape(x.message)}`);
    }
    for (const x of d.policy.resolved) {
        out.push(`- resolved: ${mdCode(x.enforcementLevel)} ${mdEscape(x.policyName)}${x.urn ? ` on ${mdCode(x.urn)}` : ""}`);
    }
    out.push("", "<details><summary>Resource graph (HEAD)</summary>", "", "```mermaid", d.mermaid, "```", "", "</details>", "");
    return out.join("\n");
}

export async function main(argv: string[]): Promise<number> {
    const { positionals, flags } = parseCli(argv, { booleans: ["markdown", "help"] });
    if (flags.help) {
        process.stdout.write(`${USAGE}\n`);
        return 0;
    }
    if (positionals.length !== 2) throw new UsageError("expected BASE.json and HEAD.json");
    const base = readPlanOrStackExport(positionals[0]);
    const head = readPlanFile(positionals[1]);
    const diff = diffPlans(base, head);
    process.stdout.write(flags.markdown ? renderMarkdown(diff) : renderText(diff));
    return failed(diff) ? 1 : 0;
}

if (require.main === module) runCli(() => main(process.argv.slice(2)), USAGE);
