#!/usr/bin/env node
/**
 * Seeds the e2e server with a big estate: an inventory of 5,000 VMs in three systems (environment
 * `scale`), discovered into the catalog like any other environment, so the Playwright tests can
 * request a real 5,000-resource migration through the API.
 *
 * Writes into the given folder (the server's E2E_DATA_DIR):
 * - `big/big.inventory.yaml`: the inventory document with the VMs inline;
 * - `app-config.big.yaml`: `migration.environments` of app-config.yaml plus `scale` (the list is
 *   copied because configuration files replace arrays rather than merge them).
 *
 * Usage: node bigEstate.js <folder> [count]
 */
const fs = require('node:fs');
const path = require('node:path');
const yaml = require('yaml');

// `scale`: its entities (scale-vm-0000…) sort after the example estate's (dc1-…, lis-…), so the
// catalog's first page still shows the examples the migration flow test looks for.
const ENVIRONMENT = 'scale';
const SYSTEMS = ['scale-shop', 'scale-erp', 'scale-crm'];
// Owned by the platform team: a team name in 5,000 entities would flood the catalog's full-text
// search (the template's picker) for the example estate's systems.
const OWNER = 'platform-engineering';

/** `count` VMs `vm-0000`…: a third in each system, small and sized alike. */
function bigInventory(count) {
  const resources = Array.from({ length: count }, (_, i) => {
    const id = `vm-${String(i).padStart(4, '0')}`;
    const system = i % SYSTEMS.length;
    return {
      id,
      kind: 'vm',
      name: id,
      specs: {
        vcpus: 2 + (i % 3) * 2,
        memoryMiB: 4096 * (1 + (i % 4)),
        disks: [{ sizeGiB: 40 + (i % 5) * 20 }],
        os: { family: 'linux', name: 'Ubuntu', version: '22.04' },
        ipAddresses: [`10.${100 + system}.${Math.floor(i / 250)}.${i % 250}`],
      },
      tags: { app: SYSTEMS[system], owner: OWNER },
    };
  });
  return {
    apiVersion: 'sirsi-nexus.io/v1alpha1',
    kind: 'Inventory',
    environment: {
      id: ENVIRONMENT,
      title: 'Generated estate of 5,000 VMs (e2e)',
      owner: 'group:default/platform-engineering',
      region: 'scale-dc',
    },
    resources,
  };
}

function main() {
  const [folder, countArg] = process.argv.slice(2);
  if (!folder) throw new Error('Usage: node bigEstate.js <folder> [count]');
  const count = Number(countArg ?? 5000);
  const root = path.resolve(__dirname, '../../../..');
  const inventoryDir = path.join(folder, 'big');
  fs.mkdirSync(inventoryDir, { recursive: true });
  const inventoryFile = path.join(inventoryDir, 'big.inventory.yaml');
  fs.writeFileSync(inventoryFile, yaml.stringify(bigInventory(count)));

  const base = yaml.parse(
    fs.readFileSync(path.join(root, 'app-config.yaml'), 'utf8'),
  );
  const environments = [
    ...(base.migration?.environments ?? []),
    {
      id: ENVIRONMENT,
      provider: 'inventory',
      title: 'Generated estate of 5,000 VMs (e2e)',
      owner: 'group:default/platform-engineering',
      inventory: { files: [inventoryFile] },
    },
  ];
  fs.writeFileSync(
    path.join(folder, 'app-config.big.yaml'),
    yaml.stringify({ migration: { environments } }),
  );
}

main();
