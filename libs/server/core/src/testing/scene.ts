/// <reference types="jest" />
// Test-only: called from a spec's describe block, where Jest's globals are.

/**
 * A spec's scene (a Nest app and what its tests need of it), built once before the tests of the
 * describe block that calls this and closed after them. Tests read it through the returned function.
 */
export function useScene<Scene extends { app: { close(): Promise<void> } }>(build: () => Promise<Scene>): () => Scene {
  let scene: Scene | undefined;
  beforeAll(async () => {
    scene = await build();
  });
  afterAll(() => scene?.app.close());
  return () => {
    if (!scene) throw new Error('The scene is built in beforeAll: read it inside a test');
    return scene;
  };
}
