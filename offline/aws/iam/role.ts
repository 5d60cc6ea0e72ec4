/**
 * `aws:iam/role:Role` (aws_iam_role, terraform-provider-aws internal/service/iam/role.go): what AWS and the provider do
 * for it, as the offline engine and the simulated provider model it.
 */
import { AwsError } from "../errors";
import { TF_IAM, TF_SERVICE } from "../rows";
import type { AwsType } from "../type";

const SRC = {
    role: `${TF_IAM}role.go (aws_iam_role schema)`,
} as const;

export const role: AwsType = {
    token: "aws:iam/role:Role",
    kind: {
        stateful: false,
        label: "IAM role",
        forceNew: [
            { path: "name", source: SRC.role }, // name: ForceNew
            { path: "namePrefix", source: SRC.role }, // name_prefix: ForceNew
            { path: "path", source: SRC.role }, // path: ForceNew
        ],
        references: [],
    },
    // Optional+Computed: the `Optional: true, Computed: true` attributes of the schema (terraform-provider-aws iam/role.go).
    computed: [
        "name", "namePrefix", "managedPolicyArns", "inlinePolicies",
    ],
    // pulumi-aws provider/autonaming.go setAutonaming: tfbridge.AutoName("name", 255, "-") for an input `name`. resources.go overrides the length for aws_iam_role: 64.
    autonamed: { property: "name", maxLength: 64 },
    readBackRules: [
        { property: "assumeRolePolicy", rule: "AWS returns the document URL-encoded and reformatted; the provider keeps the configured string when the two are equivalent JSON policies, so diffs compare them as JSON", source: `${TF_SERVICE}iam/role.go resourceRoleRead (verify.PolicyToSet)` },
    ],
    // Read: AWS returns the document URL-encoded in its own formatting, and the provider keeps the configured string
    // when the two are equivalent (verify.PolicyToSet): the read changes nothing, and diffs compare policy documents
    // as JSON (offline/lifecycle-rules.ts normalisedEqual).
    create(w, a) {
        const { p, name: n } = a;
        const policy = JSON.parse(String(p.assumeRolePolicy));
        if (policy.Version !== "2012-10-17" || !Array.isArray(policy.Statement)) {
            throw new AwsError("MalformedPolicyDocument", "assume role policy is not a valid policy document");
        }
        const name = String(p.name ?? w.autoname(n));
        return { id: name, state: a.state({ name, arn: w.arn("iam", `role/${name}`, true), uniqueId: `AROA${w.hex(n, 17).toUpperCase()}`, createDate: "2026-01-01T00:00:00Z" }) };
    },
};
