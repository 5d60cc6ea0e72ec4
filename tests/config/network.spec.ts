import * as assert from "node:assert/strict";
import { parseConfig } from "../../config";
import { NETWORK_CASES } from "./cases/network";
import { rejectsEach } from "./helpers";

describe("config/network", () => {
    rejectsEach(NETWORK_CASES);

    it("adds NAT gateways to a new network with private subnets", () => {
        for (const natGateways of ["none", "single", "perAz"] as const) {
            const cfg = parseConfig({ privateSubnets: "true", publicIp: "false", natGateways });
            assert.equal(cfg.natGateways, natGateways);
            assert.deepEqual(cfg.network, { kind: "new", vpcCidr: "10.0.0.0/16", availabilityZones: 2, privateSubnets: true });
        }
        assert.equal(parseConfig({ natGateways: "none" }).natGateways, "none");
    });
});
