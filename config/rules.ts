/**
 * The contract's cross-key rules: combinations of keys that are each valid alone but not together. Each says which
 * keys conflict, why, and how to fix it. They run where the keys they read are parsed, so the report lists every
 * problem in the order of the keys.
 */
import type { FirewallRule } from "../components/security-group";
import { Architecture, AMI_ALIASES } from "../lib/aws-facts";
import { portText, ruleSlug } from "../lib/rule-names";
import { Collector, show } from "./errors";
import { AmiSetting, DEFAULTS, KeyPairSetting, NAMESPACE, NetworkSetting, RawConfig } from "./schema";

/** An AMI alias boots one architecture, and the instance type must run it. */
export function instanceTypeRunsAmi(c: Collector, instanceType: string, typeArch: Architecture | undefined, amiText: string, ami: AmiSetting): void {
    const aliasArch = ami.kind === "alias" ? AMI_ALIASES[ami.alias].architecture : undefined;
    if (aliasArch && typeArch && aliasArch !== typeArch) {
        const fix = aliasArch === "arm64" ? "an x86_64 AMI alias such as al2023" : "an arm64 AMI alias such as al2023-arm64";
        c.conflict(`${NAMESPACE}:instanceType ${show(instanceType)} is ${typeArch} but ${NAMESPACE}:ami ${show(amiText)} is ${aliasArch}; use an ${aliasArch} instance type or ${fix}`);
    }
}

/** Adopting a network takes existingSubnetIds with existingVpcId. */
export function adoptedNetworkNeedsVpc(c: Collector, existingVpcId: string | undefined): boolean {
    if (existingVpcId === undefined) {
        c.conflict(`${NAMESPACE}:existingSubnetIds is set but ${NAMESPACE}:existingVpcId is not; adopting a network needs both`);
        return false;
    }
    return true;
}

/**
 * … and existingVpcId with existingSubnetIds; an adopted network keeps its own CIDR and subnets (a value equal to the
 * default is no conflict) and gets no private subnets.
 */
export function adoptedNetworkKeepsItsOwn(c: Collector, raw: RawConfig, existingVpcId: string | undefined, existingSubnets: unknown): void {
    if (existingSubnets === undefined && existingVpcId !== undefined) {
        c.conflict(`${NAMESPACE}:existingVpcId is set but ${NAMESPACE}:existingSubnetIds is not; adopting a network needs both`);
    }
    for (const key of ["vpcCidr", "availabilityZones"] as const) {
        if (raw[key] !== undefined && raw[key] !== String(DEFAULTS[key])) {
            c.conflict(`Cannot specify both ${NAMESPACE}:existingVpcId and ${NAMESPACE}:${key}: an adopted network keeps its own ${key === "vpcCidr" ? "CIDR" : "subnets"}`);
        }
    }
}

export function adoptedNetworkCreatesNoSubnets(c: Collector, privateSubnets: boolean): void {
    if (privateSubnets) {
        c.conflict(`Cannot specify both ${NAMESPACE}:existingVpcId and ${NAMESPACE}:privateSubnets: true: no subnets are created in an adopted network`);
    }
}

/** An Elastic IP needs a public subnet, which servers without a public IP in a network with private subnets are not in. */
export function elasticIpNeedsPublicSubnet(c: Collector, elasticIp: boolean, publicIp: boolean, network: NetworkSetting): void {
    if (elasticIp && !publicIp && network.kind === "new" && network.privateSubnets) {
        c.conflict(`${NAMESPACE}:elasticIp: true needs a public subnet, but publicIp: false with privateSubnets: true places servers in private subnets; set privateSubnets: false or elasticIp: false`);
    }
}

/** publicKey goes with keyPair: import, and only there. */
export function publicKeyOnlyToImport(c: Collector, keyPairMode: string, publicKey: string | undefined): void {
    if (keyPairMode === "generate" && publicKey !== undefined) {
        c.conflict(`Cannot specify both ${NAMESPACE}:publicKey and ${NAMESPACE}:keyPair: generate; set keyPair: import to use your own key`);
    } else if (keyPairMode === "import" && publicKey === undefined) {
        c.conflict(`${NAMESPACE}:keyPair: import needs ${NAMESPACE}:publicKey (an OpenSSH public key such as the contents of ~/.ssh/id_ed25519.pub)`);
    } else if (keyPairMode === "none" && publicKey !== undefined) {
        c.conflict(`Cannot specify both ${NAMESPACE}:publicKey and ${NAMESPACE}:keyPair: none`);
    }
}

/** The rules of an existing group are managed where the group is. */
export function existingGroupTakesNoRules(c: Collector, given: { sshCidrs: boolean; ingress: boolean; egress: boolean }): void {
    for (const key of ["sshCidrs", "ingress", "egress"] as const) {
        if (given[key]) {
            c.conflict(`Cannot specify both ${NAMESPACE}:existingSecurityGroupIds and ${NAMESPACE}:${key}: rules of an existing group are managed where the group is`);
        }
    }
}

/** Two identical rules would fight over one AWS rule: AWS rejects the second as a duplicate. */
export function rulesOnce(c: Collector, key: string, rules: FirewallRule[]): void {
    const seen = new Set<string>();
    for (const r of rules) {
        const id = ruleSlug(r);
        if (seen.has(id)) {
            c.conflict(`${NAMESPACE}:${key}: the rule ${r.protocol} ${portText(r)} ${r.peer.value} is given twice (check sshCidrs and ${key}); AWS rejects duplicate rules`);
        }
        seen.add(id);
    }
}

/** An SSH rule without a key pair lets nobody in. */
export function sshNeedsKeyPair(c: Collector, keyPair: KeyPairSetting, sshCidrs: string[]): void {
    if (keyPair.kind === "none" && sshCidrs.length > 0) {
        c.conflict(`${NAMESPACE}:sshCidrs opens port 22 but ${NAMESPACE}:keyPair is none, so nobody can log in over SSH; remove sshCidrs or set keyPair: generate`);
    }
}

export function replaceOnChangeNeedsUserData(c: Collector, userDataReplaceOnChange: boolean, hasUserData: boolean): void {
    if (userDataReplaceOnChange && !hasUserData) {
        c.conflict(`${NAMESPACE}:userDataReplaceOnChange: true has no effect without ${NAMESPACE}:userData`);
    }
}

/** NAT gateways serve the private subnets of a new network. */
export function natGatewaysNeedPrivateSubnets(c: Collector, natGateways: string, network: NetworkSetting): void {
    if (natGateways === "none") {
        return;
    }
    if (network.kind === "existing") {
        c.conflict(`${NAMESPACE}:natGateways: ${natGateways} needs a new network with ${NAMESPACE}:privateSubnets: true, but ${NAMESPACE}:existingVpcId adopts a network, where no subnets or routes are created; remove natGateways (the adopted network brings its own routes)`);
    } else if (!network.privateSubnets) {
        c.conflict(`${NAMESPACE}:natGateways: ${natGateways} needs ${NAMESPACE}:privateSubnets: true: NAT gateways give the private subnets a route out to the internet, and without privateSubnets there are none (the public subnets already route through the internet gateway); set privateSubnets: true or remove natGateways`);
    }
}

/**
 * An Application Load Balancer needs subnets in two or more zones: the new network's public subnets, or in an adopted
 * network the ones loadBalancer.subnetIds names (and only there).
 */
export function loadBalancerHasTwoZones(c: Collector, network: NetworkSetting, subnetIds: unknown): void {
    if (network.kind === "existing") {
        if (subnetIds === undefined) {
            c.conflict(`${NAMESPACE}:loadBalancer.subnetIds is required with ${NAMESPACE}:existingVpcId: the program creates no subnets in an adopted network, and an Application Load Balancer needs public subnets in at least 2 availability zones; list them in loadBalancer.subnetIds`);
        }
        return;
    }
    if (subnetIds !== undefined) {
        c.conflict(`Cannot specify both ${NAMESPACE}:loadBalancer.subnetIds and a new network: the load balancer goes in the public subnets the program creates; subnetIds is only for an adopted network (existingVpcId)`);
    }
    if (network.availabilityZones < 2) {
        c.conflict(`${NAMESPACE}:loadBalancer needs at least 2 availability zones, but ${NAMESPACE}:availabilityZones is ${network.availabilityZones}: an Application Load Balancer needs subnets in two or more zones; set availabilityZones: 2 or more`);
    }
}

export function requestsPerTargetNeedsLoadBalancer(c: Collector, requestsPerTarget: unknown, hasLoadBalancer: boolean): void {
    if (requestsPerTarget !== undefined && !hasLoadBalancer) {
        c.conflict(`${NAMESPACE}:autoScaling.requestsPerTarget needs ${NAMESPACE}:loadBalancer: it tracks the load balancer's requests per server, and without a load balancer there are none to count; set loadBalancer or remove requestsPerTarget`);
    }
}

/** Every type of a group boots the same AMI, so all have instanceType's architecture. Returns whether `type` has it. */
export function groupTypeRunsAmi(c: Collector, at: string, type: unknown, arch: Architecture, instanceType: string, typeArch: Architecture | undefined): boolean {
    if (typeArch !== undefined && arch !== typeArch) {
        c.conflict(`${NAMESPACE}:${at} ${show(type)} is ${arch} but ${NAMESPACE}:instanceType ${show(instanceType)} is ${typeArch}; every type of the group boots the same AMI, so use ${typeArch} types only`);
        return false;
    }
    return true;
}

/** A group's servers are disposable, so data and fixed addresses do not belong on them. */
export function groupServersAreDisposable(c: Collector, instanceCount: number, elasticIp: boolean, dataVolumes: unknown, terminationProtection: boolean): void {
    const disposable = "a group's servers are disposable, so data and fixed addresses do not belong on them";
    if (instanceCount > 1) {
        c.conflict(`Cannot specify both ${NAMESPACE}:autoScaling and ${NAMESPACE}:instanceCount: ${instanceCount}: the group's size is autoScaling.min, max and desired, not a count of fixed servers; remove instanceCount`);
    }
    if (elasticIp) {
        c.conflict(`Cannot specify both ${NAMESPACE}:autoScaling and ${NAMESPACE}:elasticIp: true: ${disposable} (the group launches and terminates servers on its own, and a new server would not get the address); reach the group through loadBalancer instead`);
    }
    if (Array.isArray(dataVolumes) && dataVolumes.length > 0) {
        c.conflict(`Cannot specify both ${NAMESPACE}:autoScaling and ${NAMESPACE}:dataVolumes: ${disposable} (a volume lives in one zone on one server, and the group terminates servers to scale in, refresh and heal); keep the data off the servers, for example in S3, EFS or a database`);
    }
    if (terminationProtection) {
        c.conflict(`Cannot specify both ${NAMESPACE}:autoScaling and ${NAMESPACE}:terminationProtection: true: ${disposable}, and the group must be able to terminate them to scale in, refresh and replace unhealthy ones; remove terminationProtection`);
    }
}
