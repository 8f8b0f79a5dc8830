package org.laporpredator.parser.wechat.internal;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import org.junit.Test;
import org.laporpredator.links.Url;
import org.laporpredator.spi.ParsedItem;
import org.laporpredator.testing.ShapeTable;

public class WeChatParserTest {

    private final WeChatParser parser = new WeChatParser();
    private final ShapeTable table = new ShapeTable(parser);

    private static final String BIZ = "MzA3MDM3NjE5NQ==";
    private static final String SN = "0123456789abcdef0123456789abcdef";
    private static final String ARTICLE = "https://mp.weixin.qq.com/s?__biz=" + BIZ + "&mid=2650000001&idx=1&sn=" + SN;

    /** input, platform, kind, identifiers ("k=v;k=v", every one must match), canonical URL. */
    private static final String[][] SHAPES = {
        // QR links
        {"https://weixin.qq.com/g/AbCdEfGhIjKl", "WECHAT", "INVITE_LINK", "inviteCode=AbCdEfGhIjKl",
            "https://weixin.qq.com/g/AbCdEfGhIjKl"},
        {"http://weixin.qq.com/g/AbCd-Ef_Gh/", "WECHAT", "INVITE_LINK", "inviteCode=AbCd-Ef_Gh", "https://weixin.qq.com/g/AbCd-Ef_Gh"},
        {"weixin.qq.com/r/AbCdEfGhIjKl", "WECHAT", "PROFILE", "qrCode=AbCdEfGhIjKl", "https://weixin.qq.com/r/AbCdEfGhIjKl"},
        {"http://weixin.qq.com/q/02AbCdEfGh", "WECHAT", "PROFILE", "qrCode=02AbCdEfGh", "https://weixin.qq.com/q/02AbCdEfGh"},
        {"https://u.wechat.com/MFkTkmDAbC", "WECHAT", "PROFILE", "qrCode=MFkTkmDAbC", "https://u.wechat.com/MFkTkmDAbC"},
        // articles and official accounts
        {"https://mp.weixin.qq.com/s/AbCdEfGhIjKlMnOpQrStUv", "WECHAT", "POST", "articleId=AbCdEfGhIjKlMnOpQrStUv",
            "https://mp.weixin.qq.com/s/AbCdEfGhIjKlMnOpQrStUv"},
        {"https://mp.weixin.qq.com/s/AbCdEfGhIjKlMnOpQrStUv?scene=1&from=singlemessage#rd", "WECHAT", "POST",
            "articleId=AbCdEfGhIjKlMnOpQrStUv", "https://mp.weixin.qq.com/s/AbCdEfGhIjKlMnOpQrStUv"},
        {ARTICLE + "&chksm=abcd&scene=21&srcid=0101&sharer_sharetime=1&sharer_shareid=x&exportkey=k&pass_ticket=p#rd",
            "WECHAT", "POST", "biz=" + BIZ + ";mid=2650000001;idx=1;sn=" + SN, ARTICLE},
        {"https://mp.weixin.qq.com/s?idx=2&mid=2650000001&__biz=" + BIZ + "&ascene=1", "WECHAT", "POST",
            "biz=" + BIZ + ";mid=2650000001;idx=2", "https://mp.weixin.qq.com/s?__biz=" + BIZ + "&mid=2650000001&idx=2"},
        {"https://mp.weixin.qq.com/mp/profile_ext?action=home&__biz=" + BIZ + "&scene=124#wechat_redirect", "WECHAT",
            "PROFILE", "biz=" + BIZ, "https://mp.weixin.qq.com/mp/profile_ext?action=home&__biz=" + BIZ},
        // short links and app links
        {"https://wxaurl.cn/AbCdEf123", "WECHAT", "SHORT_LINK", "code=AbCdEf123;unresolved=true", "https://wxaurl.cn/AbCdEf123"},
        {"weixin://dl/business/?t=AbCdEf123", "WECHAT", "SHORT_LINK", "code=AbCdEf123;unresolved=true",
            "weixin://dl/business/?t=AbCdEf123"},
        {"weixin://dl/chat", "WECHAT", "WEB_PAGE", "", "weixin://dl/chat"},
        // web pages
        {"https://mp.weixin.qq.com/s?src=11&timestamp=1&ver=2&signature=abc", "WECHAT", "WEB_PAGE", "",
            "https://mp.weixin.qq.com/s?src=11&timestamp=1&ver=2&signature=abc"},
        {"https://weixin.qq.com/", "WECHAT", "WEB_PAGE", "", "https://weixin.qq.com/"},
        {"https://weixin.qq.com/cgi-bin/readtemplate?lang=en&t=weixin_agreement", "WECHAT", "WEB_PAGE", "",
            "https://weixin.qq.com/cgi-bin/readtemplate?t=weixin_agreement"},
        {"https://open.weixin.qq.com/connect/qrconnect?appid=wx123&utm_source=x", "WECHAT", "WEB_PAGE", "",
            "https://open.weixin.qq.com/connect/qrconnect?appid=wx123"},
        {"https://wechat.com/en/", "WECHAT", "WEB_PAGE", "", "https://www.wechat.com/en/"},
        {"https://help.wechat.com/cgi-bin/micromsg-bin/oshelpcenter", "WECHAT", "WEB_PAGE", "",
            "https://help.wechat.com/cgi-bin/micromsg-bin/oshelpcenter"},
        {"https://weixin110.qq.com/security/readtemplate?t=x", "WECHAT", "WEB_PAGE", "",
            "https://weixin110.qq.com/security/readtemplate?t=x"},
    };

    /** Every row of a group is the same item. */
    private static final String[][] SAME = {
        {"https://weixin.qq.com/g/AbCdEf", "http://weixin.qq.com/g/AbCdEf/", "https://www.weixin.qq.com/g/AbCdEf",
            "hxxp://weixin[.]qq[.]com/g/AbCdEf", "https://weixin.qq.com/g/AbCdEf#x"},
        {ARTICLE, ARTICLE + "&chksm=1&scene=2#rd", "https://mp.weixin.qq.com/s?__biz=" + BIZ + "&mid=2650000001&idx=1",
            "https://mp.weixin.qq.com/s?__biz=MzA3MDM3NjE5NQ%3D%3D&mid=2650000001&idx=1&sn=" + SN,
            "http://mp.weixin.qq.com/s/?__biz=" + BIZ + "&mid=2650000001&idx=1&sn=" + SN + "&from=timeline"},
        {"https://mp.weixin.qq.com/s/AbC", "https://mp.weixin.qq.com/s/AbC/?scene=1", "http://mp.weixin.qq.com/s/AbC#rd"},
        {"https://mp.weixin.qq.com/mp/profile_ext?action=home&__biz=" + BIZ,
            "https://mp.weixin.qq.com/mp/profile_ext?__biz=" + BIZ + "&action=home&scene=1"},
    };

    /** Each pair is two different items. */
    private static final String[][] DIFFERENT = {
        {"https://weixin.qq.com/g/AbC", "https://weixin.qq.com/g/abc"},
        {"https://weixin.qq.com/g/AbC", "https://weixin.qq.com/r/AbC"},
        {"https://weixin.qq.com/r/AbC", "https://u.wechat.com/AbC"},
        {"https://mp.weixin.qq.com/s/AbC", "https://mp.weixin.qq.com/s/abc"},
        {ARTICLE, "https://mp.weixin.qq.com/s?__biz=" + BIZ + "&mid=2650000001&idx=2&sn=" + SN},
        {ARTICLE, "https://mp.weixin.qq.com/s?__biz=" + BIZ + "&mid=2650000002&idx=1&sn=" + SN},
        {ARTICLE, "https://mp.weixin.qq.com/mp/profile_ext?action=home&__biz=" + BIZ},
        {"https://wxaurl.cn/AbC", "https://wxaurl.cn/abc"},
    };

    /** Not WeChat at all. */
    private static final String[] NOT_WECHAT = {
        "https://weixin.qq.com.evil.example/g/AbC", "https://weixin.qq.com@evil.example/g/AbC", "https://fakeqq.com/g/AbC",
        "https://qq.com/g/AbC", "https://www.qq.com/", "https://mail.qq.com/", "https://evilweixin.qq.com.example/g/x",
        "https://wechat.com.evil.example/", "https://u.wechat.com.evil.example/AbC", "https://notwechat.com/",
        "ftp://weixin.qq.com/g/AbC", "https://wxaurl.cn.evil.example/AbC", "tg://resolve?domain=x",
    };

    private Url url(String text) {
        return table.url(text);
    }

    private ParsedItem parse(String text) {
        return table.parse(text);
    }

    @Test
    public void shapes() {
        assertTrue(SHAPES.length >= 15);
        table.shapes(SHAPES);
    }

    @Test
    public void canonicalUrlParsesToTheSameItem() {
        table.canonicalUrlsParseToTheSameItem(SHAPES);
    }

    @Test
    public void shapesOfOneItemShareAKey() {
        table.sameItems(SAME);
    }

    @Test
    public void differentItemsHaveDifferentKeys() {
        table.differentItems(DIFFERENT, SAME);
    }

    @Test
    public void lookalikesAreNotWeChat() {
        for (String text : NOT_WECHAT) {
            assertFalse(text, parser.parse(url(text)).isPresent());
            assertFalse(text, parser.unwrap(url(text)).isPresent());
        }
    }

    @Test
    public void claimsOnlyTheWeixinScheme() {
        assertTrue(parser.claimsScheme("weixin"));
        assertFalse(parser.claimsScheme("https"));
        assertFalse(parser.claimsScheme("tg"));
        assertFalse(parser.claimsScheme("wechat"));
    }

    @Test
    public void neverThrows() {
        table.neverThrows(SHAPES, 20240611L);
    }
}
