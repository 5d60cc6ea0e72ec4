/**
 * The parts of @pulumi/aws the components use, each from its own module: the same modules `@pulumi/aws`'s index
 * loads, but a TypeScript program over the components then parses the declarations of these services only, not of
 * all of AWS, so the component schema inference (tests/components/provider-schema.spec.ts, and a package built from
 * the components) reads a fifth of the files.
 *
 * Only the index registers the `aws` resource package (`registerResourcePackage`), which the SDK needs to turn an
 * incoming `pulumi:providers:aws` reference back into an `aws.Provider`. The program loads the index through
 * config/lookups.ts; a package that serves these components on their own must load `@pulumi/aws` too.
 */
export * as autoscaling from "@pulumi/aws/autoscaling";
export * as ebs from "@pulumi/aws/ebs";
export * as ec2 from "@pulumi/aws/ec2";
export * as iam from "@pulumi/aws/iam";
export * as lb from "@pulumi/aws/lb";
export * as types from "@pulumi/aws/types";
export * as vpc from "@pulumi/aws/vpc";
export { getPartition } from "@pulumi/aws/getPartition";
