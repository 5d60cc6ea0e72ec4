/**
 * ec2-server: a secure EC2 server in its own network.
 * Reads and validates the stack's config, looks up what it needs from AWS, composes the four components and
 * exports the outputs. Nothing is registered until config and lookups have passed.
 */
import * as pulumi from "@pulumi/pulumi";
import { loadConfig } from "./components/config";
import { lookupAwsFacts } from "./components/lookups";
import { Network } from "./components/network";
import { SecurityGroup } from "./components/security-group";
import { KeyPair } from "./components/key-pair";
import { Instance } from "./components/instance";
import { keyFilePath, sshCommand, ssmCommand } from "./components/access";

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
            // Without a public address, Session Manager reaches the servers through interface endpoints, no NAT needed.
            ssmEndpoints: cfg.ssm && !cfg.publicIp && !cfg.elasticIp,
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
            egress: cfg.firewall.egress,
            namePrefix,
            tags,
        });

    const key = cfg.keyPair.kind === "none" ? undefined : new KeyPair("ssh", cfg.keyPair.kind === "generate"
        ? { mode: "generate", algorithm: cfg.keyPair.algorithm, namePrefix, tags }
        : { mode: "import", publicKey: cfg.keyPair.publicKey, namePrefix, tags });

    const servers = new Instance("server", {
        count: cfg.instanceCount,
        subnets: network.serverSubnetIds.map((id, i) => ({ id, availabilityZone: subnetZones[i] })),
        securityGroupIds: firewall.securityGroupIds,
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
        userData: cfg.userData && (cfg.userData.secret ? pulumi.secret(cfg.userData.value) : cfg.userData.value),
        userDataReplaceOnChange: cfg.userDataReplaceOnChange,
        monitoring: cfg.monitoring,
        terminationProtection: cfg.terminationProtection,
        namePrefix,
        tags,
    // Servers boot after the whole network exists: routes for the Elastic IP, endpoints for the SSM agent.
    }, { dependsOn: [network] });

    const keyFile = cfg.keyPair.kind === "generate" ? keyFilePath(project, stack) : undefined;
    const outputs: Record<string, unknown> = {
        instanceIds: servers.servers.map(s => s.id),
        availabilityZones: servers.servers.map(s => s.availabilityZone),
        privateIps: servers.servers.map(s => s.privateIp),
        publicIps: servers.servers.map(s => s.publicIp ?? null),
        publicDns: servers.servers.map(s => s.publicDns ?? null),
        dataVolumeIds: servers.servers.map(s => s.dataVolumeIds),
        amiId: facts.ami.id,
        loginUser: facts.ami.loginUser,
        vpcId: network.vpcId,
        subnetIds: network.serverSubnetIds,
        publicSubnetIds: network.publicSubnetIds,
        privateSubnetIds: network.privateSubnetIds,
        securityGroupIds: firewall.securityGroupIds,
    };
    if (cfg.ssm) {
        outputs.ssmCommands = servers.servers.map(s => s.id.apply(id => ssmCommand(id, facts.region)));
    }
    if (key) {
        outputs.sshCommands = servers.servers.map(s => pulumi
            .all([s.id, s.privateIp, s.publicIp ?? pulumi.output(undefined)])
            .apply(([id, privateIp, publicAddress]) => sshCommand({
                user: facts.ami.loginUser, publicAddress, instanceId: id, privateIp, region: facts.region, keyFile, ssm: cfg.ssm,
            })));
        outputs.keyName = key.keyName;
        outputs.keyFingerprint = key.fingerprint;
        if (key.privateKeyPem) {
            // Secret: `pulumi stack output privateKeyPem --show-secrets | npm run -s save-key -- <file>`.
            outputs.privateKeyPem = key.privateKeyPem;
        }
    }
    return outputs;
};
