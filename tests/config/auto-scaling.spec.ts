import * as assert from "node:assert/strict";
import { parseConfig } from "../../config";
import { AUTO_SCALING_CASES } from "./cases/auto-scaling";
import { rejectsEach } from "./helpers";

describe("config/auto-scaling", () => {
    rejectsEach(AUTO_SCALING_CASES);

    it("fills the autoScaling defaults: only max is required", () => {
        const cfg = parseConfig({ autoScaling: '{"max":4}' });
        assert.deepEqual(cfg.autoScaling, {
            min: 1,
            max: 4,
            cpuTarget: 50,
            schedules: [],
            instanceTypes: [],
            refresh: { minHealthyPercent: 90, autoRollback: true, skipMatching: true },
            healthCheckGracePeriod: 300,
        });
        assert.equal(cfg.loadBalancer, undefined);
        assert.equal(cfg.instanceCount, 1);
    });

    it("parses a whole group: sizes, target tracking, schedules in time zones, mixed types, Spot and refresh", () => {
        const cfg = parseConfig({
            instanceType: "m7g.large",
            ami: "al2023-arm64",
            instanceCount: "1",
            loadBalancer: "{}",
            autoScaling: JSON.stringify({
                min: "0",
                max: 10,
                desired: 2,
                cpuTarget: 0,
                requestsPerTarget: "1000",
                schedules: [
                    { name: "workdays", recurrence: "0 8 * * 1-5", timeZone: "Europe/London", min: 2, max: 10 },
                    { name: "nights_UTC", recurrence: "30 20 * * *", timeZone: "UTC", desired: 0 },
                    { name: "tokyo-9", recurrence: "*/15 0-6/2 1,15 JAN SUN", timeZone: "Etc/GMT+9", min: 1 },
                    { name: "la", recurrence: "0 22 * * 7", timeZone: "US/Pacific", max: "3" },
                ],
                instanceTypes: ["m6g.large", "c7g.xlarge"],
                spot: { onDemandBase: 1, onDemandPercentAboveBase: 25 },
                refresh: { minHealthyPercent: 100, autoRollback: false },
                healthCheckGracePeriod: 0,
            }),
        });
        assert.deepEqual(cfg.autoScaling, {
            min: 0,
            max: 10,
            desired: 2,
            cpuTarget: 0,
            requestsPerTarget: 1000,
            schedules: [
                { name: "workdays", recurrence: "0 8 * * 1-5", timeZone: "Europe/London", min: 2, max: 10 },
                { name: "nights_UTC", recurrence: "30 20 * * *", timeZone: "UTC", desired: 0 },
                { name: "tokyo-9", recurrence: "*/15 0-6/2 1,15 JAN SUN", timeZone: "Etc/GMT+9", min: 1 },
                { name: "la", recurrence: "0 22 * * 7", timeZone: "US/Pacific", max: 3 },
            ],
            instanceTypes: ["m6g.large", "c7g.xlarge"],
            spot: { onDemandBase: 1, onDemandPercentAboveBase: 25 },
            refresh: { minHealthyPercent: 100, autoRollback: false, skipMatching: true },
            healthCheckGracePeriod: 0,
        });
    });
});
