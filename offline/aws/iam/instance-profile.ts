/**
 * `aws:iam/instanceProfile:InstanceProfile` (aws_iam_instance_profile, terraform-provider-aws
 * internal/service/iam/instance_profile.go): what AWS and the provider do for it, as the offline engine and the
 * simulated provider model it.
 */
import { TF_IAM } from "../rows";
import type { AwsType } from "../type";

const SRC = {
    instanceProfile: `${TF_IAM}instance_profile.go (aws_iam_instance_profile schema)`,
} as const;

export const instanceProfile: AwsType = {
    token: "aws:iam/instanceProfile:InstanceProfile",
    kind: {
        stateful: false,
        label: "IAM instance profile",
        forceNew: [
            { path: "name", source: SRC.instanceProfile }, // name: ForceNew
            { path: "namePrefix", source: SRC.instanceProfile }, // name_prefix: ForceNew
            { path: "path", source: SRC.instanceProfile }, // path: ForceNew (role: in place)
        ],
        references: [],
    },
    // Optional+Computed: the `Optional: true, Computed: true` attributes of the schema (terraform-provider-aws iam/instance_profile.go).
    computed: [
        "name", "namePrefix",
    ],
    // pulumi-aws provider/autonaming.go setAutonaming: tfbridge.AutoName("name", 255, "-") for an input `name`.
    autonamed: { property: "name", maxLength: 255 },
    create(w, a) {
        const { p, name: n } = a;
        const name = String(p.name ?? w.autoname(n));
        return { id: name, state: a.state({ name, arn: w.arn("iam", `instance-profile/${name}`, true), uniqueId: `AIPA${w.hex(n, 17).toUpperCase()}` }) };
    },
};
