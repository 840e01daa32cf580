import type { TargetProvider } from '@sirsi-nexus/plugin-migration-common';
import type { DatabaseEngine } from '../facts/detect';

/**
 * Managed database service per target cloud and engine.
 *
 * @public
 */
export const MANAGED_DATABASES: Readonly<
  Record<TargetProvider, Record<DatabaseEngine, string>>
> = {
  aws: {
    sqlserver: 'Amazon RDS for SQL Server',
    postgres: 'Amazon RDS for PostgreSQL (or Aurora PostgreSQL)',
    mysql: 'Amazon RDS for MySQL (or Aurora MySQL)',
    oracle: 'Amazon RDS for Oracle',
    mongodb: 'Amazon DocumentDB',
    unknown: 'Amazon RDS',
  },
  azure: {
    sqlserver: 'Azure SQL Managed Instance',
    postgres: 'Azure Database for PostgreSQL flexible server',
    mysql: 'Azure Database for MySQL flexible server',
    oracle: 'Oracle Database@Azure',
    mongodb: 'Azure Cosmos DB for MongoDB',
    unknown: 'Azure SQL Managed Instance',
  },
  gcp: {
    sqlserver: 'Cloud SQL for SQL Server',
    postgres: 'Cloud SQL for PostgreSQL (or AlloyDB)',
    mysql: 'Cloud SQL for MySQL',
    oracle: 'Bare Metal Solution for Oracle',
    mongodb: 'MongoDB Atlas on Google Cloud',
    unknown: 'Cloud SQL',
  },
};

/** The managed load balancer of each target cloud. */
export const MANAGED_LOAD_BALANCERS: Record<TargetProvider, string> = {
  aws: 'Elastic Load Balancing (ALB/NLB)',
  azure: 'Azure Application Gateway / Load Balancer',
  gcp: 'Cloud Load Balancing',
};

/** The object storage of each target cloud. */
export const OBJECT_STORAGE: Record<TargetProvider, string> = {
  aws: 'Amazon S3',
  azure: 'Azure Blob Storage',
  gcp: 'Cloud Storage',
};
