// What every script that drives the desktop app shares: a free port, tauri-driver started in
// its own process group (so that stopping the group ends it, WebKitWebDriver and the app
// together: killing tauri-driver alone orphans the other two), a WebDriver session on the app,
// and the group stopped at the end. Used by app.test.mjs, measure.mjs and measure-edits.mjs.

import { spawn } from 'node:child_process';
import { once } from 'node:events';
import net from 'node:net';
import { remote } from 'webdriverio';

/** A TCP port nobody listens on right now. */
export async function freePort() {
  const server = net.createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address();
  server.close();
  await once(server, 'close');
  return port;
}

async function waitForPort(port, child, timeout) {
  const deadline = Date.now() + timeout;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`tauri-driver exited (${child.exitCode})`);
    const open = await new Promise((resolve) => {
      const socket = net.connect(port, '127.0.0.1');
      socket.once('connect', () => (socket.destroy(), resolve(true)));
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`tauri-driver did not listen on ${port} within ${timeout} ms`);
}

/**
 * Starts tauri-driver with `env` added to this process's environment (JAUGE_DATA_DIR names the
 * store's folder), waits for it, and opens a session on `app` started with `args`.
 * `stdio` is where tauri-driver's output goes. Returns `{ driver, browser }`.
 */
export async function startApp({ tauriDriver, app, args = [], env = {}, stdio = 'ignore', timeout = 15_000, retryTimeout }) {
  const port = await freePort();
  const nativePort = await freePort();
  const driver = spawn(tauriDriver, ['--port', String(port), '--native-port', String(nativePort)], {
    detached: true,
    stdio,
    env: { ...process.env, ...env },
  });
  await waitForPort(port, driver, timeout);
  // tauri-driver listens before WebKitWebDriver does: on a busy machine the first request for
  // a session can find no one behind it and its socket closed. No app was started then, so
  // asking again is safe; any other failure is final.
  for (let attempt = 1; ; attempt++) {
    try {
      const browser = await remote({
        hostname: '127.0.0.1',
        port,
        logLevel: 'error',
        connectionRetryCount: 0,
        ...(retryTimeout ? { connectionRetryTimeout: retryTimeout } : {}),
        capabilities: { 'tauri:options': { application: app, args } },
      });
      return { driver, browser };
    } catch (error) {
      if (attempt === 5 || !/UND_ERR_SOCKET|ECONNREFUSED|ECONNRESET/.test(String(error))) throw error;
      await new Promise((r) => setTimeout(r, 1_000));
    }
  }
}

/** Ends `child`'s process group, waiting up to 5 s for it to exit. */
export async function stopGroup(child) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    return;
  }
  await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
}

/** Ends the session, then the driver's group. */
export async function stopApp({ driver, browser }) {
  try {
    await browser?.deleteSession();
  } catch {
    // The group is stopped below anyway.
  }
  await stopGroup(driver);
}
