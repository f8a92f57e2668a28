import assert from "node:assert/strict";
import { matchHeader, matchQueryParameter, matchString, queryParams } from "../../src/simulate/matchers.js";

/** Envoy's StringMatcher, HeaderMatcher (http/header_utility.cc) and QueryParameterMatcher. */

const h = (name: string, value: string) => ({ name, value });

describe("simulate: matchers", () => {
  it("matches strings exactly, by prefix, suffix, contains, ignoring case when asked", () => {
    assert.equal(matchString({ exact: "/api" }, "/api").matched, true);
    assert.equal(matchString({ exact: "/api" }, "/API").matched, false);
    assert.equal(matchString({ exact: "/api", ignore_case: true }, "/API").matched, true);
    assert.equal(matchString({ prefix: "/a" }, "/api").matched, true);
    assert.equal(matchString({ suffix: ".json" }, "x.json").matched, true);
    assert.equal(matchString({ contains: "pi" }, "/api").matched, true);
  });

  it("matches safe_regex against the whole value (RE2), never a part", () => {
    assert.equal(matchString({ safe_regex: { regex: "v[0-9]+" } }, "v12").matched, true);
    assert.equal(matchString({ safe_regex: { regex: "v[0-9]+" } }, "xv12").matched, false);
  });

  it("reports regexes RE2 refuses (lookahead) as errors", () => {
    const r = matchString({ safe_regex: { regex: "(?=a)a" } }, "a");
    assert.equal(r.matched, false);
    assert.match(r.error ?? "", /invalid RE2 regex/);
  });

  it("joins repeated headers with commas before matching", () => {
    const r = matchHeader({ name: "x-a", string_match: { exact: "1,2" } }, [h("x-a", "1"), h("x-a", "2")]);
    assert.equal(r.matched, true);
  });

  it("treats a missing header as Envoy does: only present_match false or an inverted present_match matches", () => {
    assert.equal(matchHeader({ name: "x-a", present_match: true }, []).matched, false);
    assert.equal(matchHeader({ name: "x-a", present_match: false }, []).matched, true);
    assert.equal(matchHeader({ name: "x-a", present_match: true, invert_match: true }, []).matched, true);
    // An inverted value match on a missing header does not match (without treat_missing_header_as_empty)
    assert.equal(
      matchHeader({ name: "x-a", string_match: { exact: "v" }, invert_match: true }, []).matched,
      false,
    );
    assert.equal(
      matchHeader(
        {
          name: "x-a",
          string_match: { exact: "v" },
          invert_match: true,
          treat_missing_header_as_empty: true,
        },
        [],
      ).matched,
      true,
    );
  });

  it("inverts value matches on present headers", () => {
    const m = { name: "x-canary", string_match: { exact: "true" }, invert_match: true };
    assert.equal(matchHeader(m, [h("x-canary", "true")]).matched, false);
    assert.equal(matchHeader(m, [h("x-canary", "false")]).matched, true);
  });

  it("supports the deprecated specifiers, where an empty exact_match means any value", () => {
    assert.equal(matchHeader({ name: "x", exact_match: "" }, [h("x", "anything")]).matched, true);
    assert.equal(matchHeader({ name: "x", prefix_match: "ab" }, [h("x", "abc")]).matched, true);
    assert.equal(
      matchHeader({ name: "x", range_match: { start: 10, end: 20 } }, [h("x", "19")]).matched,
      true,
    );
    assert.equal(
      matchHeader({ name: "x", range_match: { start: 10, end: 20 } }, [h("x", "20")]).matched,
      false,
    );
    assert.equal(matchHeader({ name: "x" }, [h("x", "")]).matched, true);
  });

  it("parses query parameters without decoding them, first value wins", () => {
    const q = queryParams("/p?a=1&b=x%20y&a=2#frag");
    assert.equal(q.get("a"), "1");
    assert.equal(q.get("b"), "x%20y");
    assert.equal(matchQueryParameter({ name: "a", string_match: { exact: "1" } }, q).matched, true);
    assert.equal(matchQueryParameter({ name: "a", present_match: true }, q).matched, true);
    assert.equal(matchQueryParameter({ name: "c", present_match: true }, q).matched, false);
  });
});
