// Kept for the backend's Azure integration test until it imports the package's `/testUtils`.
export * from '../../testUtils/fakeSiteRecovery';
