/**
 * `aws:iam/rolePolicyAttachment:RolePolicyAttachment` (aws_iam_role_policy_attachment, terraform-provider-aws
 * internal/service/iam/role_policy_attachment.go): what AWS and the provider do for it, as the offline engine and the
 * simulated provider model it.
 */
import { AwsError } from "../errors";
import { TF_IAM } from "../rows";
import type { AwsType } from "../type";

const SRC = {
    rolePolicyAttachment: `${TF_IAM}role_policy_attachment.go (aws_iam_role_policy_attachment schema)`,
} as const;

export const rolePolicyAttachment: AwsType = {
    token: "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
    kind: {
        stateful: false,
        label: "IAM role policy attachment",
        forceNew: [
            { path: "policyArn", source: SRC.rolePolicyAttachment }, // policy_arn: Required, ForceNew
            { path: "role", source: SRC.rolePolicyAttachment }, // role: Required, ForceNew
        ],
        references: [{ path: "role", targetType: "aws:iam/role:Role", changesOnReplace: "if-autonamed" }],
    },
    untagged: true,
    create(w, a) {
        const { p, name: n } = a;
        const arn = String(p.policyArn);
        if (!arn.startsWith(`arn:${w.partition}:iam::`)) {
            throw new AwsError("InvalidInput", `ARN ${arn} is not in partition ${w.partition}`);
        }
        return { id: `${p.role}-${w.hex(n, 20)}`, state: a.state({}) };
    },
};
