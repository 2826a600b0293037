//! WebKitGTK tuning for Linux.

/// Draws pages without GPU compositing, unless `JAUGE_HARDWARE_ACCELERATION=1`.
///
/// Where no GPU is usable (virtual desktops, remote sessions, Xvfb) WebKitGTK composites through
/// a software OpenGL, which cost about 130 MiB of PSS in the web process for this app's flat,
/// form-like pages and slowed the first paint (`scripts/measure-app.sh`: 395 → 265 MiB, 450 →
/// 330 ms). Turning it off also avoids the blank windows some GPU and Wayland stacks show.
pub fn without_gpu_compositing(app: &tauri::App) -> tauri::Result<()> {
    use tauri::Manager;
    use webkit2gtk::{HardwareAccelerationPolicy, SettingsExt, WebViewExt};

    if std::env::var_os("JAUGE_HARDWARE_ACCELERATION").is_some_and(|v| v == "1") {
        return Ok(());
    }
    for window in app.webview_windows().values() {
        window.with_webview(|webview| {
            if let Some(settings) = WebViewExt::settings(&webview.inner()) {
                settings.set_hardware_acceleration_policy(HardwareAccelerationPolicy::Never);
            }
        })?;
    }
    Ok(())
}
