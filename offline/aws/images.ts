/**
 * The AMIs the AWS model knows: those AWS publishes under the public SSM parameters (per alias path) and those a
 * stack may pin by id in a closed world (tests, the simulated account).
 */

export interface ModelImage {
    id: string; name: string; description: string; architecture: "x86_64" | "arm64";
    rootDeviceName: string; rootSizeGiB: number; platform: string; ownerId: string;
}

/** AMIs published under the public SSM parameters, per alias path. */
export const PUBLISHED: Record<string, Omit<ModelImage, "id">> = {
    "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64": {
        name: "al2023-ami-2023.9.20251110.1-kernel-6.1-x86_64", description: "Amazon Linux 2023 AMI 2023.9.20251110.1 x86_64 HVM kernel-6.1",
        architecture: "x86_64", rootDeviceName: "/dev/xvda", rootSizeGiB: 8, platform: "", ownerId: "137112412989",
    },
    "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64": {
        name: "al2023-ami-2023.9.20251110.1-kernel-6.1-arm64", description: "Amazon Linux 2023 AMI 2023.9.20251110.1 arm64 HVM kernel-6.1",
        architecture: "arm64", rootDeviceName: "/dev/xvda", rootSizeGiB: 8, platform: "", ownerId: "137112412989",
    },
    "/aws/service/canonical/ubuntu/server/24.04/stable/current/amd64/hvm/ebs-gp3/ami-id": {
        name: "ubuntu/images/hvm-ssd-gp3/ubuntu-noble-24.04-amd64-server-20251112", description: "Canonical, Ubuntu, 24.04, amd64 noble image",
        architecture: "x86_64", rootDeviceName: "/dev/sda1", rootSizeGiB: 8, platform: "", ownerId: "099720109477",
    },
    "/aws/service/canonical/ubuntu/server/24.04/stable/current/arm64/hvm/ebs-gp3/ami-id": {
        name: "ubuntu/images/hvm-ssd-gp3/ubuntu-noble-24.04-arm64-server-20251112", description: "Canonical, Ubuntu, 24.04, arm64 noble image",
        architecture: "arm64", rootDeviceName: "/dev/sda1", rootSizeGiB: 8, platform: "", ownerId: "099720109477",
    },
};

/** Images a stack may pin by id (the same ids in every region of the model). */
export const PINNED_IMAGES: ModelImage[] = [
    { id: "ami-0123456789abcdef0", name: "debian-12-amd64-20251020-2273", description: "Debian 12 (20251020-2273)", architecture: "x86_64", rootDeviceName: "/dev/xvda", rootSizeGiB: 8, platform: "", ownerId: "136693071363" },
    { id: "ami-0fedcba9876543210", name: "Windows_Server-2022-English-Full-Base-2025.11.12", description: "Microsoft Windows Server 2022 Full Locale English AMI", architecture: "x86_64", rootDeviceName: "/dev/sda1", rootSizeGiB: 30, platform: "windows", ownerId: "801119661308" },
    { id: "ami-0a1b2c3d4e5f60789", name: "RHEL-9.6.0_HVM-20251015-arm64-0-Hourly2-GP3", description: "Provided by Red Hat, Inc.", architecture: "arm64", rootDeviceName: "/dev/sda1", rootSizeGiB: 10, platform: "", ownerId: "309956199498" },
];
