import { defineConfig, type Plugin } from 'vite';

/**
 * Preloads the wasm and the chunks loaded after the first figures from the HTML, so they
 * download alongside the entry script instead of after it.
 */
function preload(): Plugin {
  return {
    name: 'headroom-preload',
    transformIndexHtml: {
      order: 'post',
      handler: (_html, { bundle = {} }) =>
        Object.values(bundle).flatMap((file) => {
          const href = `./${file.fileName}`;
          if (file.type === 'chunk' && file.isDynamicEntry) return [{ tag: 'link', attrs: { rel: 'modulepreload', crossorigin: '', href }, injectTo: 'head' as const }];
          if (file.fileName.endsWith('.wasm')) return [{ tag: 'link', attrs: { rel: 'preload', as: 'fetch', type: 'application/wasm', crossorigin: '', href }, injectTo: 'head' as const }];
          return [];
        }),
    },
  };
}

// The page: root www/, built to the static folder www/dist/ with relative URLs so any static
// host can serve it from any sub-path. The wasm is emitted as a hashed asset (found through
// `new URL('headroom_bg.wasm', import.meta.url)` in pkg/headroom.js).
export default defineConfig({
  root: 'www',
  base: './',
  plugins: [preload()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
  },
});
