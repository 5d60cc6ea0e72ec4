/**
 * An instance's NVMe instance store (`aws:ec2/instance:Instance`, offline/aws/ec2/instance.ts): which instance types
 * have one, and what happens to it. A module of its own, without dependencies, so the plan's output can say so without
 * loading the AWS model.
 */

/** Instance types that carry NVMe instance storage: the `d` variants and the storage-optimized series. */
export function hasInstanceStore(instanceType: unknown): boolean {
    if (typeof instanceType !== "string") {
        return false;
    }
    const m = /^([a-z]+)(\d+)([a-z-]*)\./.exec(instanceType);
    if (!m) {
        return false;
    }
    const [, series, , suffix] = m;
    // m7gd, c6id, r6idn, m5ad, g4dn …, and i3, i4i, d3, h1, im4gn, is4gen.
    return suffix.includes("d") || ["i", "d", "h", "im", "is"].includes(series);
}

export const INSTANCE_STORE_NOTE = "its NVMe instance store is wiped: instance-store data does not survive a stop, a hibernation or a termination (EC2 User Guide, \"Instance store lifetime\")";
