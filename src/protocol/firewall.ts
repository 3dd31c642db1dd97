/**
 * Host firewall: `list-firewall` (profiles and rules) and `firewall-action`,
 * whose `action` field selects one of four operations.
 */
import { z } from "zod";
import { shortText } from "./common";
import { defineCommand, type CommandSpec } from "./envelope";

export const firewallProfileName = z.enum(["domain", "private", "public"]);
export const firewallDirection = z.enum(["inbound", "outbound"]);
export const firewallVerdict = z.enum(["allow", "block"]);
const ruleName = z.string().min(1).max(512);
/** "80", "443,8443", "1000-2000", "Any". */
const portList = z.string().regex(/^(any|[0-9]{1,5}(-[0-9]{1,5})?(,[0-9]{1,5}(-[0-9]{1,5})?)*)$/i);

export const firewallProfile = z.object({
  name: firewallProfileName,
  enabled: z.boolean(),
  defaultInboundAction: firewallVerdict,
  defaultOutboundAction: firewallVerdict,
});

export const firewallRule = z.object({
  name: ruleName,
  displayName: shortText(512).optional(),
  enabled: z.boolean(),
  direction: firewallDirection,
  action: firewallVerdict,
  protocol: shortText(16).optional(),
  localPorts: portList.optional(),
  remotePorts: portList.optional(),
  application: shortText(1024).optional(),
  profiles: z.array(firewallProfileName).max(3).optional(),
});

export const listFirewallCommand = defineCommand("list-firewall", {});

export const listFirewallResult = z.object({
  profiles: z.array(firewallProfile).max(3),
  rules: z.array(firewallRule).max(20_000),
});

export const firewallActionCommand = z.discriminatedUnion("action", [
  defineCommand("firewall-action", { action: z.literal("set-rule-enabled"), ruleName, enabled: z.boolean() }),
  defineCommand("firewall-action", {
    action: z.literal("add-rule"),
    rule: firewallRule.omit({ enabled: true, displayName: true, profiles: true }).partial({
      direction: true,
      action: true,
    }),
  }),
  defineCommand("firewall-action", { action: z.literal("delete-rule"), ruleName }),
  defineCommand("firewall-action", {
    action: z.literal("set-state"),
    profile: z.enum(["domain", "private", "public", "all"]),
    enabled: z.boolean(),
  }),
]);

export const firewallActionResult = z.object({
  action: z.enum(["set-rule-enabled", "add-rule", "delete-rule", "set-state"]),
  applied: z.literal(true),
});

export const firewallCommands = {
  "list-firewall": { command: listFirewallCommand, result: listFirewallResult },
  "firewall-action": { command: firewallActionCommand, result: firewallActionResult },
} satisfies Record<string, CommandSpec>;

export type FirewallRule = z.infer<typeof firewallRule>;
export type FirewallActionCommand = z.infer<typeof firewallActionCommand>;
