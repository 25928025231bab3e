import { test } from 'node:test';
import assert from 'node:assert/strict';
import { classifyLink } from '../../electron/core/catalog/link-kind.ts';

const cases: Array<[string, ReturnType<typeof classifyLink>]> = [
  ['https://shop.example.com/item/1?sku=2#x', 'url'],
  ['http://shop.example.com', 'url'],
  ['HTTPS://Shop.Example.com/A', 'url'],
  ['https://item.taobao.com/item.htm?id=123', 'url'],
  ['https://mp.weixin.qq.com/s/AbCdEf', 'article'],
  ['https://mp.weixin.qq.com/s?__biz=MzA&mid=1&idx=1', 'article'],
  ['http://mp.weixin.qq.com/s/x', 'article'],
  ['https://mp.weixin.qq.com.evil.example/s/x', 'url'],
  ['pages/goods/detail?id=1', 'miniprogram'],
  ['/pages/index/index', 'miniprogram'],
  ['packageA/pages/item/item.html?id=9&from=live', 'miniprogram'],
  ['#小程序://店铺名/xxxx', 'miniprogram'],
  ['#小程序://好物小店/aBcD12', 'miniprogram'],
  ['  https://shop.example.com/a  ', 'url'],
  ['', null],
  ['   ', null],
  ['javascript:alert(1)', null],
  ['ftp://files.example/a', null],
  ['file:///etc/passwd', null],
  ['shop.example.com/item', null],
  ['www.example.com', null],
  ['index', null],
  ['https://', null],
  ['https://exa mple.com/', null],
  ['https://user:pass@shop.example.com/', null],
  ['#小程序://店铺名', null],
  ['#小程序:// /x', null],
  ['pages/a b/c', null],
  ['随便写的', null],
];

for (const [input, expected] of cases) {
  test(`classifyLink(${JSON.stringify(input)}) → ${expected}`, () => {
    assert.equal(classifyLink(input), expected);
  });
}
