/**
 * ec2-server: a secure EC2 server in its own network.
 * Reads and validates the stack's config, looks up what it needs from AWS, composes the four components and
 * exports the outputs. Nothing is registered until config and lookups have passed.
 */
import * as pulumi from "@pulumi/pulumi";
import { loadConfig } from "./config";
import { lookupAwsFacts } from "./config/lookups";
import { Network } from "./components/network";
import { SecurityGroup } from "./components/security-group";
import { KeyPair } from "./components/key-pair";
import { Instance } from "./components/instance";
import { LoadBalancer } from "./components/load-balancer";
import { AutoScaling } from "./components/auto-scaling";
import { groupServersCommand, groupSsmCommand, keyFilePath, sshCommand, ssmCommand } from "./components/access";

/**
 * The provider's default tags (`aws:defaultTags`). The provider merges them into every resource's own `tags`, but
 * not into a launch template's tagSpecifications or an Auto Scaling group's tags, so what a group launches gets
 * them from the program.
 */
function providerDefaultTags(): Record<string, string> {
    const tags = new pulumi.Config("aws").getObject<{ tags?: Record<string, unknown> }>("defaultTags")?.tags;
    return tags && typeof tags === "object" && !Array.isArray(tags) ? Object.fromEntries(Object.entries(tags).map(([k, v]) => [k, String(v)])) : {};
}

export = async () => {
    const cfg = loadConfig();
    const facts = await lookupAwsFacts(cfg);
    const project = pulumi.getProject();
    const stack = pulumi.getStack();
    const namePrefix = `${project}-${stack}`;
    const tags = cfg.tags;

    const serversInPrivateSubnets = cfg.network.kind === "new" && cfg.network.privateSubnets && !cfg.publicIp && !cfg.elasticIp;
    const network = cfg.network.kind === "existing"
        ? new Network("network", { existing: { vpcId: cfg.network.vpcId, subnetIds: cfg.network.subnetIds } })
        : new Network("network", {
            vpcCidr: cfg.network.vpcCidr,
            availabilityZones: facts.availabilityZones,
            privateSubnets: cfg.network.privateSubnets,
            serversInPrivateSubnets,
            // Servers with an auto-assigned public address get it from their subnet (they send no
            // associatePublicIpAddress, see components/instance.ts); Elastic IP servers and private ones get none.
            mapPublicIpOnLaunch: cfg.publicIp && !cfg.elasticIp,
            // Without a public address, Session Manager reaches the servers through interface endpoints; with NAT
            // gateways the agent reaches it through them, and the endpoints would only add cost.
            ssmEndpoints: cfg.ssm && !cfg.publicIp && !cfg.elasticIp && cfg.natGateways === "none",
            natGateways: cfg.natGateways,
            region: facts.region,
            namePrefix,
            tags,
        });
    const subnetZones = cfg.network.kind === "existing" ? facts.adoptedSubnets.map(s => s.availabilityZone) : facts.availabilityZones;

    const firewall = cfg.firewall.kind === "existing"
        ? new SecurityGroup("firewall", { existingSecurityGroupIds: cfg.firewall.securityGroupIds })
        : new SecurityGroup("firewall", {
            vpcId: network.vpcId,
            ingress: cfg.firewall.ingress,
            // "all" is the group's default: explicit allow-all rules for IPv4 and IPv6.
            egress: cfg.firewall.egress === "all" ? undefined : cfg.firewall.egress,
            namePrefix,
            tags,
        });

    // The load balancer sits in the public subnets (an adopted network names them) and lets the servers in on
    // targetPort through a security group of its own, which the servers get besides their firewall.
    const lbSettings = cfg.loadBalancer;
    const lb = lbSettings && new LoadBalancer("web", {
        vpcId: network.vpcId,
        subnetIds: cfg.network.kind === "existing" ? lbSettings.subnetIds ?? [] : network.publicSubnetIds,
        zones: cfg.network.kind === "existing" ? new Set(facts.loadBalancerSubnets.map(s => s.availabilityZone)).size : facts.availabilityZones.length,
        settings: lbSettings,
        namePrefix,
        tags,
    });
    const serverSecurityGroupIds = lb ? [...firewall.securityGroupIds, lb.targetsSecurityGroupId] : firewall.securityGroupIds;

    const key = cfg.keyPair.kind === "none" ? undefined : new KeyPair("ssh", cfg.keyPair.kind === "generate"
        ? { mode: "generate", algorithm: cfg.keyPair.algorithm, namePrefix, tags }
        : { mode: "import", publicKey: cfg.keyPair.publicKey, namePrefix, tags });

    const subnets = network.serverSubnetIds.map((id, i) => ({ id, availabilityZone: subnetZones[i] }));
    const userData = cfg.userData && (cfg.userData.secret ? pulumi.secret(cfg.userData.value) : cfg.userData.value);
    const keyFile = cfg.keyPair.kind === "generate" ? keyFilePath(project, stack) : undefined;
    const common: Record<string, unknown> = {
        amiId: facts.ami.id,
        loginUser: facts.ami.loginUser,
        vpcId: network.vpcId,
        subnetIds: network.serverSubnetIds,
        publicSubnetIds: network.publicSubnetIds,
        privateSubnetIds: network.privateSubnetIds,
        securityGroupIds: serverSecurityGroupIds,
    };
    if (cfg.natGateways !== "none") {
        common.natPublicIps = network.natPublicIps;
    }
    if (lb) {
        common.loadBalancerDnsName = lb.dnsName;
        common.url = lb.url;
        common.targetGroupArn = lb.targetGroupArn;
    }
    if (key) {
        common.keyName = key.keyName;
        common.keyFingerprint = key.fingerprint;
        if (key.privateKeyPem) {
            // Secret: `pulumi stack output privateKeyPem --show-secrets | npm run -s save-key -- <file>`.
            common.privateKeyPem = key.privateKeyPem;
        }
    }

    if (cfg.autoScaling) {
        const group = new AutoScaling("servers", {
            subnets,
            securityGroupIds: serverSecurityGroupIds,
            ami: facts.ami.id,
            amiPinned: facts.ami.pinned,
            rootDeviceName: facts.ami.rootDeviceName,
            instanceType: cfg.instanceType,
            scaling: cfg.autoScaling,
            keyName: key?.keyName,
            ssm: cfg.ssm,
            partition: facts.partition,
            publicIp: cfg.publicIp,
            rootVolume: cfg.rootVolume,
            userData,
            monitoring: cfg.monitoring,
            targetGroupArn: lb?.targetGroupArn,
            requestCountLabel: lb && cfg.autoScaling.requestsPerTarget !== undefined ? pulumi.interpolate`${lb.arnSuffix}/${lb.targetGroupArnSuffix}` : undefined,
            targetGroupAssociation: lb?.forwardingListener,
            namePrefix,
            tags,
            // The servers, their volumes and the group carry the default tags too (the stack's own win, as in tagsAll).
            launchTags: { ...providerDefaultTags(), ...tags },
        // Servers boot after the whole network exists: NAT routes for package mirrors, endpoints for the SSM agent.
        }, { dependsOn: [network] });
        const outputs: Record<string, unknown> = {
            ...common,
            autoScalingGroupName: group.groupName,
            launchTemplateId: group.launchTemplateId,
            // The group's servers come and go: the command that lists them, and a session on the first one.
            listServersCommand: group.groupName.apply(g => groupServersCommand(g, facts.region)),
        };
        if (cfg.ssm) {
            outputs.ssmCommand = group.groupName.apply(g => groupSsmCommand(g, facts.region));
        }
        return outputs;
    }

    const servers = new Instance("server", {
        count: cfg.instanceCount,
        subnets,
        securityGroupIds: serverSecurityGroupIds,
        ami: facts.ami.id,
        amiPinned: facts.ami.pinned,
        instanceType: cfg.instanceType,
        keyName: key?.keyName,
        ssm: cfg.ssm,
        partition: facts.partition,
        publicIp: cfg.publicIp && !cfg.elasticIp,
        elasticIp: cfg.elasticIp,
        rootVolume: cfg.rootVolume,
        dataVolumes: cfg.dataVolumes,
        userData,
        userDataReplaceOnChange: cfg.userDataReplaceOnChange,
        monitoring: cfg.monitoring,
        terminationProtection: cfg.terminationProtection,
        targetGroupArn: lb?.targetGroupArn,
        namePrefix,
        tags,
    // Servers boot after the whole network exists: routes for the Elastic IP, endpoints for the SSM agent.
    }, { dependsOn: [network] });

    const outputs: Record<string, unknown> = {
        instanceIds: servers.servers.map(s => s.id),
        // The image each server runs (with an alias, the one it was created from: ignoreChanges keeps it), which
        // may differ from amiId, the image the config resolves to now.
        serverAmiIds: servers.servers.map(s => s.instance.ami),
        // Each server's zone (not the config key availabilityZones, which counts the network's zones).
        serverZones: servers.servers.map(s => s.availabilityZone),
        privateIps: servers.servers.map(s => s.privateIp),
        publicIps: servers.servers.map(s => s.publicIp ?? null),
        publicDns: servers.servers.map(s => s.publicDns ?? null),
        ...common,
    };
    if ((cfg.dataVolumes ?? []).length > 0) {
        // Per server, its data volumes in config order.
        outputs.dataVolumeIds = servers.servers.map(s => s.dataVolumeIds);
    }
    if (cfg.ssm) {
        outputs.ssmCommands = servers.servers.map(s => s.id.apply(id => ssmCommand(id, facts.region)));
    }
    if (key) {
        outputs.sshCommands = servers.servers.map(s => pulumi
            .all([s.id, s.privateIp, s.publicIp ?? pulumi.output(undefined)])
            .apply(([id, privateIp, publicAddress]) => sshCommand({
                user: facts.ami.loginUser, publicAddress, instanceId: id, privateIp, region: facts.region, keyFile, ssm: cfg.ssm,
            })));
    }
    return outputs;
};
