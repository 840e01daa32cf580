/** The actor of what the engine does on its own, in audit events and stored artifacts. */
export const ENGINE_ACTOR = 'plugin:migration';
