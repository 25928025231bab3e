// What the codes about going live say — destinations, settings, the pre-flight check, sound, the desktop app's
// shortcuts — in both languages (merged into messages.ts).
import type { MessageTable } from './message-table.ts';

export const STREAM_MESSAGES: MessageTable = {
  // streaming: why a destination is not live (stream_ + the engine's reason code)
  stream_host_unreachable: {
    'zh-CN': '连不上推流服务器（网络断开或服务器未响应）',
    en: 'Cannot reach the ingest server (network down or server not answering)',
  },
  stream_host_unknown: { 'zh-CN': '推流地址的服务器名无法解析', en: 'The ingest server name does not resolve' },
  stream_tls_failed: { 'zh-CN': 'RTMPS 加密连接失败', en: 'The RTMPS (TLS) connection failed' },
  stream_publish_refused: { 'zh-CN': '服务器拒绝了推流', en: 'The server refused the stream' },
  stream_handshake_failed: {
    'zh-CN': '服务器接受了连接，但在握手时断开：请核对推流地址（rtmp:// 还是 rtmps://、端口）',
    en: 'The server took the connection but cut it during the handshake: check the server URL (rtmp:// or rtmps://, the port)',
  },
  stream_name_busy: {
    'zh-CN': '服务器上这个推流密钥仍在使用（上一次连接尚未释放，或另一台设备正在推流），稍后自动重试',
    en: 'The server still has a stream on this key (the last connection not yet released, or another device streaming); retrying',
  },
  stream_stalled: { 'zh-CN': '服务器不再接收数据', en: 'The server stopped taking data' },
  stream_dropped: { 'zh-CN': '连接中断', en: 'The connection dropped' },
  stream_key_rejected: {
    'zh-CN': '推流密钥被拒绝：请在平台后台复制新的推流地址和密钥',
    en: 'Stream key rejected: copy a fresh server URL and key from the platform',
  },
  // streaming: destinations, settings, and why a show cannot start (or stopped)
  stream_url_invalid: {
    'zh-CN': '推流地址应以 rtmp:// 或 rtmps:// 开头，并包含服务器和应用路径（如 rtmp://live.example.com/live）',
    en: 'The server URL must start with rtmp:// or rtmps:// and include a server and an application path (like rtmp://live.example.com/live)',
  },
  stream_url_rtmps_required: {
    'zh-CN': '该平台只接受 rtmps:// 推流地址',
    en: 'This platform only accepts rtmps:// server URLs',
  },
  stream_key_invalid: {
    'zh-CN': '这看起来是一个地址，而不是推流密钥：请把地址填到“推流地址”，密钥填到这里',
    en: 'That looks like an address, not a stream key: put the address in the server URL field and the key here',
  },
  stream_key_missing: {
    'zh-CN': (p) => `“${p.name}”没有可用的推流密钥，请重新填写`,
    en: (p) => `"${p.name}" has no usable stream key: enter it again`,
  },
  stream_source_empty: {
    'zh-CN': '请至少选择一个摄像头或麦克风',
    en: 'Choose a camera or a microphone (or both)',
  },
  stream_live: {
    'zh-CN': '正在推流：请先结束直播再修改',
    en: 'A show is streaming: end it before changing this',
  },
  stream_not_live: { 'zh-CN': '该推流目标当前没有在推流', en: 'This destination is not streaming right now' },
  stream_no_ffmpeg: {
    'zh-CN': '找不到可用的 ffmpeg：请安装 ffmpeg，或设置 FFMPEG_PATH',
    en: 'No working ffmpeg found: install it or set FFMPEG_PATH',
  },
  stream_no_encoder: {
    'zh-CN': '这个 ffmpeg 没有可用的 H.264 编码器（需要 libx264 或硬件编码器）',
    en: 'This ffmpeg has no usable H.264 encoder (it needs libx264 or a hardware encoder)',
  },
  stream_nothing_to_do: {
    'zh-CN': '没有启用的推流目标，也没有开启本地录制：请添加推流目标或开启录制',
    en: 'No destination is enabled and recording is off: add a destination or switch recording on',
  },
  stream_encoder_failed: {
    'zh-CN': '编码器意外停止，直播已中断。请检查摄像头和麦克风后重新开播',
    en: 'The encoder stopped unexpectedly and the show ended. Check the camera and microphone, then go live again',
  },
  stream_destination_live: {
    'zh-CN': '这个推流目标正在直播：它的地址和密钥要等结束直播后才能修改',
    en: 'This destination is live: its address and key can change once the show ends',
  },
  stream_source_ok: { 'zh-CN': '画面源正常，无需切回', en: 'The source is working: nothing to switch back to' },
  stream_devices_failed: {
    'zh-CN': '无法列出摄像头和麦克风',
    en: 'Could not list cameras and microphones',
  },
  stream_preflight_running: {
    'zh-CN': '开播前检查正在进行（正在向推流目标发送测试画面），请等它结束后再开播',
    en: 'The pre-flight check is running (it is pushing the test pattern to your destinations): go live once it ends',
  },
  hotkey_invalid: { 'zh-CN': '不是有效的快捷键', en: 'Not a valid shortcut' },
  hotkey_needs_modifier: {
    'zh-CN': '全局快捷键需要带 Ctrl、Alt 或 ⌘（否则在其他程序里打字也会触发）',
    en: 'A global shortcut needs Ctrl, Alt or ⌘ (otherwise typing in other apps would fire it)',
  },
  hotkey_duplicate: { 'zh-CN': '和另一个快捷键重复', en: 'The same keys as another shortcut' },
  hotkey_reserved: {
    'zh-CN': '系统或常用程序已经在用这组按键',
    en: 'The system or everyday apps already use these keys',
  },
  hotkey_taken: {
    'zh-CN': '另一个程序已占用这组按键，没有生效：请换一组',
    en: 'Another app holds these keys, so it is not active: choose others',
  },
  hotkey_no_show: { 'zh-CN': '没有正在进行的直播', en: 'No show is on' },
  hotkey_not_streaming: { 'zh-CN': '没有在推流：没有可静音的声音', en: 'Not streaming: there is no sound to mute' },
  hotkey_no_coupon: {
    'zh-CN': '没有可以发放的优惠券（都已在发放、未开始、已过期或已领完）',
    en: 'No coupon can be pushed now (all running, not started, expired or used up)',
  },
  stream_mute_failed: {
    'zh-CN': '无法静音：这个 ffmpeg 生成不了静音音频。请换用自带的 ffmpeg 或关掉麦克风',
    en: 'Cannot mute: this ffmpeg cannot make silent audio. Use the bundled ffmpeg, or switch the microphone off',
  },
  stream_timeout: { 'zh-CN': '推流服务器没有响应', en: 'The ingest server did not answer' },
};
