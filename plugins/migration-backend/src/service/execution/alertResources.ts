import type { AlertResource } from '@sirsi-nexus/plugin-migration-common';
import type { AlertmanagerAlert } from '@sirsi-nexus/plugin-migration-iac-node';
import type { MigrationResource } from '@sirsi-nexus/plugin-migration-node';

/**
 * What an alert is linked to: the host of its `instance` label and the migration resource that
 * host names, when exactly one does.
 */
export interface AlertLink {
  instance?: string;
  resource?: AlertResource;
}

/** Tags inventories use for a machine's DNS name. */
const HOST_TAGS = ['hostname', 'host', 'fqdn', 'dns-name', 'dnsname'];

/**
 * The host of a Prometheus `instance` label: `10.0.1.5:9100` → `10.0.1.5`,
 * `[2001:db8::5]:9100` → `2001:db8::5`, `web-01.corp.example:9100` → `web-01.corp.example`,
 * `http://web-01:8080/health` (blackbox targets) → `web-01`; a bare IPv6 address stays as it is.
 * Lower case, without a trailing dot; undefined for an empty label.
 */
export function instanceHost(instance: string | undefined): string | undefined {
  let text = instance?.trim() ?? '';
  if (text.includes('://')) {
    try {
      text = new URL(text).hostname;
    } catch {
      return undefined;
    }
  }
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(text);
  if (bracketed) {
    text = bracketed[1];
  } else if ((text.match(/:/g) ?? []).length === 1) {
    text = text.slice(0, text.indexOf(':'));
  }
  text = text.toLowerCase().replace(/\.$/, '');
  return text || undefined;
}

const isIpv4 = (host: string) => /^\d{1,3}(\.\d{1,3}){3}$/.test(host);

/** The names a resource answers to: its names, host name tags and IP addresses. */
function keysOf(item: MigrationResource): string[] {
  const r = item.resource;
  const tags = r?.tags ?? {};
  return [
    item.entity.metadata.name,
    r?.name,
    ...HOST_TAGS.map(t => tags[t]),
    ...(r?.specs.ipAddresses ?? []),
  ]
    .filter((k): k is string => !!k)
    .map(k => k.trim().toLowerCase().replace(/\.$/, ''));
}

/**
 * Links alerts to the migration's resources by the host of their `instance` label: first the
 * whole host (a name, host name or IP address), then — for a DNS name — its first label
 * (`web-01.corp.example` → `web-01`). A host that names several resources links to none, as does
 * one that names no resource: such alerts stay unlinked.
 */
export function createAlertLinker(
  resources: readonly MigrationResource[],
): (alert: AlertmanagerAlert) => AlertLink {
  const byKey = new Map<string, AlertResource | null>();
  for (const item of resources) {
    const resource: AlertResource = {
      id: item.resource?.externalId ?? item.entityRef,
      name: item.resource?.name ?? item.entity.metadata.name,
      entityRef: item.entityRef,
    };
    for (const key of new Set(keysOf(item))) {
      const known = byKey.get(key);
      byKey.set(
        key,
        known === undefined || known?.entityRef === resource.entityRef
          ? resource
          : null,
      );
    }
  }
  return alert => {
    const instance = instanceHost(alert.labels.instance);
    if (!instance) return {};
    const short =
      !isIpv4(instance) && !instance.includes(':')
        ? instance.split('.')[0]
        : undefined;
    const full = byKey.get(instance);
    const resource = full !== undefined ? full : short && byKey.get(short);
    return resource ? { instance, resource } : { instance };
  };
}
