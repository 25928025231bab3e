// What the clips' codes say, in both languages (merged into messages.ts).

export const CLIP_MESSAGES_ZH = {
  phase_cutting: '剪辑讲解回放',
  phase_reel: '制作合集',
  reel_too_long: '选中的讲解共 {length}，超过合集上限 {max}（视频号视频最长 30 分钟）：请少选几段',
  reel_unknown_segment: '讲解 {segmentId} 不是这场直播已结束的讲解',
  clips_export_folder: '选择存放讲解回放的文件夹',
  clips_no_ffmpeg: '找不到 ffmpeg，无法剪辑：请在“直播”设置中指定 ffmpeg，或运行 livecart doctor 查看',
  clips_nothing: '这场直播还没有结束的讲解可以剪辑',
  clip_not_recorded: '{linkNo}号 {title}：讲解时没有录制，无法生成回放',
  clip_still_recording: '{linkNo}号 {title}：讲解刚结束，录像还没写到结尾，请稍后再剪',
  clip_cut_failed: '{linkNo}号 {title}：剪辑失败（{reason}），其他回放不受影响',
  clip_partly_recorded:
    '{linkNo}号 {title}：讲解中有 {seconds} 秒没有录到（录制开始前、中断或文件已删除），回放缺少这部分',
};

/** The same codes in English (the compiler checks that none is missing). */
export const CLIP_MESSAGES_EN: Record<keyof typeof CLIP_MESSAGES_ZH, string> = {
  phase_cutting: 'Cutting the clips',
  phase_reel: 'Making the long video',
  reel_too_long:
    'The chosen explanations run {length}, more than the limit of {max} (Channels takes videos up to 30 minutes): choose fewer',
  reel_unknown_segment: 'Explanation {segmentId} is not a finished explanation of this show',
  clips_export_folder: 'Choose a folder for the clips',
  clips_no_ffmpeg: 'ffmpeg was not found, so nothing can be cut: set it in the stream settings, or run livecart doctor',
  clips_nothing: 'This show has no finished explanation to cut',
  clip_not_recorded: 'No. {linkNo} {title}: nothing was recorded while it was explained, so there is no clip',
  clip_still_recording:
    'No. {linkNo} {title}: the explanation has only just ended and the recording does not hold its end yet: cut it in a moment',
  clip_cut_failed: 'No. {linkNo} {title}: could not be cut ({reason}); the other clips are not affected',
  clip_partly_recorded:
    'No. {linkNo} {title}: {seconds} s of the explanation were not recorded (before the recording began, a break, or a deleted file): the clip lacks them',
};
