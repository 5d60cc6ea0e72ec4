import * as pulumi from "@pulumi/pulumi";
import * as aws from "../lib/aws";
import { SSM_MANAGED_POLICY } from "../lib/aws-facts";

/** The AWS partition a stack runs in (`aws.getPartition`): ARNs and service principals are built from it. */
export interface Partition {
    /** `aws`, `aws-cn`, `aws-us-gov` … */
    partition: string;
    /** `amazonaws.com`, `amazonaws.com.cn` … */
    dnsSuffix: string;
}

export interface SsmProfileArgs {
    /** AWS partition facts (`aws.getPartition`): the policy ARN and the EC2 service principal are built from them. */
    partition: Partition;
    /** Prefix of the Name tags (`<prefix>-role`, `<prefix>-profile`). */
    namePrefix: string;
    /** Tags for the role and the profile (besides the provider's default tags). */
    tags: Record<string, string>;
}

/** The three children of a Session Manager instance profile. */
export interface SsmProfile {
    role: aws.iam.Role;
    /** AmazonSSMManagedInstanceCore on the role: servers must wait for it, not only for the profile. */
    policyAttachment: aws.iam.RolePolicyAttachment;
    profile: aws.iam.InstanceProfile;
}

/**
 * An IAM role that EC2 may assume, with AmazonSSMManagedInstanceCore and nothing else, and its instance profile:
 * what a server needs for Session Manager. Creates `<name>-role`, `<name>-ssm-core` and `<name>-profile` as
 * children of `parent` (the component that owns the servers).
 */
export function ssmInstanceProfile(name: string, args: SsmProfileArgs, parent: pulumi.Resource): SsmProfile {
    const { partition, dnsSuffix } = args.partition;
    const child = { parent };
    const role = new aws.iam.Role(`${name}-role`, {
        description: "ec2-server instances: Session Manager only",
        assumeRolePolicy: JSON.stringify({
            Version: "2012-10-17",
            Statement: [{ Effect: "Allow", Principal: { Service: `ec2.${dnsSuffix}` }, Action: "sts:AssumeRole" }],
        }),
        tags: { ...args.tags, Name: `${args.namePrefix}-role` },
    }, child);
    const policyAttachment = new aws.iam.RolePolicyAttachment(`${name}-ssm-core`, {
        role: role.name,
        policyArn: `arn:${partition}:iam::aws:policy/${SSM_MANAGED_POLICY}`,
    }, child);
    const profile = new aws.iam.InstanceProfile(`${name}-profile`, {
        role: role.name,
        tags: { ...args.tags, Name: `${args.namePrefix}-profile` },
    }, child);
    return { role, policyAttachment, profile };
}
