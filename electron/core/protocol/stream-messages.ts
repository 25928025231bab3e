// What the codes about going live say — destinations, settings, the pre-flight check, sound, the desktop app's
// shortcuts — in both languages (merged into messages.ts).

export const STREAM_MESSAGES_ZH = {
  // streaming: why a destination is not live (stream_ + the engine's reason code)
  stream_host_unreachable: '连不上推流服务器（网络断开或服务器未响应）',
  stream_host_unknown: '推流地址的服务器名无法解析',
  stream_tls_failed: 'RTMPS 加密连接失败',
  stream_publish_refused: '服务器拒绝了推流',
  stream_handshake_failed: '服务器接受了连接，但在握手时断开：请核对推流地址（rtmp:// 还是 rtmps://、端口）',
  stream_name_busy: '服务器上这个推流密钥仍在使用（上一次连接尚未释放，或另一台设备正在推流），稍后自动重试',
  stream_stalled: '服务器不再接收数据',
  stream_dropped: '连接中断',
  stream_key_rejected: '推流密钥被拒绝：请在平台后台复制新的推流地址和密钥',
  // streaming: destinations, settings, and why a show cannot start (or stopped)
  stream_url_invalid:
    '推流地址应以 rtmp:// 或 rtmps:// 开头，并包含服务器和应用路径（如 rtmp://live.example.com/live）',
  stream_url_rtmps_required: '该平台只接受 rtmps:// 推流地址',
  stream_key_invalid: '这看起来是一个地址，而不是推流密钥：请把地址填到“推流地址”，密钥填到这里',
  stream_key_missing: '“{name}”没有可用的推流密钥，请重新填写',
  stream_source_empty: '请至少选择一个摄像头或麦克风',
  stream_live: '正在推流：请先结束直播再修改',
  stream_not_live: '该推流目标当前没有在推流',
  stream_no_ffmpeg: '找不到可用的 ffmpeg：请安装 ffmpeg，或设置 FFMPEG_PATH',
  stream_no_encoder: '这个 ffmpeg 没有可用的 H.264 编码器（需要 libx264 或硬件编码器）',
  stream_nothing_to_do: '没有启用的推流目标，也没有开启本地录制：请添加推流目标或开启录制',
  stream_encoder_failed: '编码器意外停止，直播已中断。请检查摄像头和麦克风后重新开播',
  stream_destination_live: '这个推流目标正在直播：它的地址和密钥要等结束直播后才能修改',
  stream_source_ok: '画面源正常，无需切回',
  stream_devices_failed: '无法列出摄像头和麦克风',
  stream_preflight_running: '开播前检查正在进行（正在向推流目标发送测试画面），请等它结束后再开播',
  hotkey_invalid: '不是有效的快捷键',
  hotkey_needs_modifier: '全局快捷键需要带 Ctrl、Alt 或 ⌘（否则在其他程序里打字也会触发）',
  hotkey_duplicate: '和另一个快捷键重复',
  hotkey_reserved: '系统或常用程序已经在用这组按键',
  hotkey_taken: '另一个程序已占用这组按键，没有生效：请换一组',
  hotkey_no_show: '没有正在进行的直播',
  hotkey_not_streaming: '没有在推流：没有可静音的声音',
  hotkey_no_coupon: '没有可以发放的优惠券（都已在发放、未开始、已过期或已领完）',
  stream_mute_failed: '无法静音：这个 ffmpeg 生成不了静音音频。请换用自带的 ffmpeg 或关掉麦克风',
  stream_timeout: '推流服务器没有响应',
};

/** The same codes in English (the compiler checks that none is missing). */
export const STREAM_MESSAGES_EN: Record<keyof typeof STREAM_MESSAGES_ZH, string> = {
  stream_host_unreachable: 'Cannot reach the ingest server (network down or server not answering)',
  stream_host_unknown: 'The ingest server name does not resolve',
  stream_tls_failed: 'The RTMPS (TLS) connection failed',
  stream_publish_refused: 'The server refused the stream',
  stream_handshake_failed:
    'The server took the connection but cut it during the handshake: check the server URL (rtmp:// or rtmps://, the port)',
  stream_name_busy:
    'The server still has a stream on this key (the last connection not yet released, or another device streaming); retrying',
  stream_stalled: 'The server stopped taking data',
  stream_dropped: 'The connection dropped',
  stream_key_rejected: 'Stream key rejected: copy a fresh server URL and key from the platform',
  stream_url_invalid:
    'The server URL must start with rtmp:// or rtmps:// and include a server and an application path (like rtmp://live.example.com/live)',
  stream_url_rtmps_required: 'This platform only accepts rtmps:// server URLs',
  stream_key_invalid:
    'That looks like an address, not a stream key: put the address in the server URL field and the key here',
  stream_key_missing: '"{name}" has no usable stream key: enter it again',
  stream_source_empty: 'Choose a camera or a microphone (or both)',
  stream_live: 'A show is streaming: end it before changing this',
  stream_not_live: 'This destination is not streaming right now',
  stream_no_ffmpeg: 'No working ffmpeg found: install it or set FFMPEG_PATH',
  stream_no_encoder: 'This ffmpeg has no usable H.264 encoder (it needs libx264 or a hardware encoder)',
  stream_nothing_to_do: 'No destination is enabled and recording is off: add a destination or switch recording on',
  stream_encoder_failed:
    'The encoder stopped unexpectedly and the show ended. Check the camera and microphone, then go live again',
  stream_destination_live: 'This destination is live: its address and key can change once the show ends',
  stream_source_ok: 'The source is working: nothing to switch back to',
  stream_devices_failed: 'Could not list cameras and microphones',
  stream_preflight_running:
    'The pre-flight check is running (it is pushing the test pattern to your destinations): go live once it ends',
  hotkey_invalid: 'Not a valid shortcut',
  hotkey_needs_modifier: 'A global shortcut needs Ctrl, Alt or ⌘ (otherwise typing in other apps would fire it)',
  hotkey_duplicate: 'The same keys as another shortcut',
  hotkey_reserved: 'The system or everyday apps already use these keys',
  hotkey_taken: 'Another app holds these keys, so it is not active: choose others',
  hotkey_no_show: 'No show is on',
  hotkey_not_streaming: 'Not streaming: there is no sound to mute',
  hotkey_no_coupon: 'No coupon can be pushed now (all running, not started, expired or used up)',
  stream_mute_failed:
    'Cannot mute: this ffmpeg cannot make silent audio. Use the bundled ffmpeg, or switch the microphone off',
  stream_timeout: 'The ingest server did not answer',
};
