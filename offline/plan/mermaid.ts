/** The Mermaid `graph TD` of a plan diff's HEAD (offline/plan/diff.ts), for the Markdown a PR comment carries. */
import type { ChangedResource } from "./diff";
import { Plan, STACK_TYPE } from "./format";

/** Escapes text for a quoted Mermaid label (entity codes, no raw quotes / angle brackets). */
export function mermaidEscape(s: string): string {
    return s
        .replace(/[\r\n]+/g, " ")
        .replace(/#/g, "#35;")
        .replace(/"/g, "#quot;")
        .replace(/</g, "#lt;")
        .replace(/>/g, "#gt;");
}

export function mermaidGraph(head: Plan, addedUrns: Set<string>, changed: ChangedResource[]): string {
    const ids = new Map(head.resources.map((r, i) => [r.urn, `n${i}`]));
    const status = new Map(changed.map((c) => [c.urn, c.replacement === "none" ? "changed" : "replaced"]));
    const lines = ["graph TD"];
    for (const r of head.resources) {
        const cls =
            addedUrns.has(r.urn) ? "added" : status.get(r.urn) ?? (r.type === STACK_TYPE ? "stack" : r.custom ? "" : "component");
        lines.push(`    ${ids.get(r.urn)}["${mermaidEscape(r.name)}<br/>${mermaidEscape(r.type)}"]${cls ? `:::${cls}` : ""}`);
    }
    for (const r of head.resources) {
        if (r.parent !== null && ids.has(r.parent)) lines.push(`    ${ids.get(r.parent)} --> ${ids.get(r.urn)}`);
    }
    for (const r of head.resources) {
        if (!r.custom) continue;
        for (const d of r.dependencies) {
            const dep = head.resources.find((x) => x.urn === d);
            if (dep && dep.custom && d !== r.parent) lines.push(`    ${ids.get(d)} -.-> ${ids.get(r.urn)}`);
        }
    }
    lines.push(
        "    classDef stack fill:#f6f8fa,stroke:#57606a",
        "    classDef component fill:#ddf4ff,stroke:#0969da,stroke-dasharray: 4 3",
        "    classDef added fill:#dafbe1,stroke:#1a7f37",
        "    classDef changed fill:#fff8c5,stroke:#9a6700",
        "    classDef replaced fill:#ffebe9,stroke:#cf222e,stroke-width:3px",
    );
    return lines.join("\n");
}
