"""Forms no fixture records (round 23): npm's allow-* policies, pnpm's peer report, yarn 1's -W."""

from tests.detect.conftest import first_reading


def test_allow_policy_set_in_npmrc_is_the_setting():
    text = ("npm error code EALLOWREMOTE\nnpm error Fetching packages of type \"remote\" have been disabled\n"
            "npm error Refusing to fetch \"lib@https://example.com/lib-1.0.0.tgz\"\n")
    assert first_reading(text, "npm install")[:2] == ("configuration", "allow-remote")


def test_pnpm_unmet_peer_is_the_peer():
    text = (" ERR_PNPM_PEER_DEP_ISSUES  Unmet peer dependencies\n\n.\n└─┬ ui-kit 0.4.0\n"
            "  └── ✕ unmet peer @tanstack/react-query@^5.0.0: found 4.36.1\n")
    assert first_reading(text, "pnpm install")[:2] == ("dependency", "@tanstack/react-query")


def test_yarn1_workspace_root_flag():
    text = ("yarn add v1.22.22\nerror Running this command will add the dependency to the workspace root rather "
            "than the workspace itself, which might not be what you want - if you really meant it, make it explicit "
            "by running this command again with the -W flag (or --ignore-workspace-root-check).\n"
            "info Visit https://yarnpkg.com/en/docs/cli/add for documentation about this command.\n")
    assert first_reading(text, "yarn add -D typescript")[:2] == ("configuration", "-W")


# round 25: a refusal naming the flag that confirms it; EUSAGE naming an option; npa's spec error


def test_refusal_naming_force_is_the_flag():
    text = "npm error Refusing to delete entire project.\nnpm error Run with --force to do this.\n"
    assert first_reading(text, "npm unpublish")[:2] == ("configuration", "--force")


def test_usage_error_naming_an_option_is_the_option():
    text = ("npm error code EUSAGE\nnpm error\nnpm error Must specify --sbom-format flag with one of: "
            "cyclonedx, spdx.\nnpm error\nnpm error Usage:\nnpm error npm sbom\n")
    assert first_reading(text, "npm sbom")[:2] == ("configuration", "--sbom-format")


def test_eresolve_hint_with_force_is_not_the_reading():
    text = ("npm error code ERESOLVE\nnpm error ERESOLVE unable to resolve dependency tree\nnpm error\n"
            "npm error Fix the upstream dependency conflict, or retry\n"
            "npm error this command with --force or --legacy-peer-deps\n")
    assert first_reading(text, "npm install")[1] != "--force"


def test_number_as_dependency_version_is_configuration():
    assert first_reading("npm error must provide string spec\n", "npm install")[:2] == ("configuration", None)


# round 26: npm's and yarn 1's uncoded usage errors; pnpm's MISSING_ / INVALID_ codes


def test_npm_uncoded_usage_error_names_the_option_given_the_value():
    text = ("npm error Tag name must not be a valid SemVer range: 2.0.0\n"
            "npm error A complete log of this run can be found in: /root/.npm/_logs/x.log\n")
    assert first_reading(text, "npm dist-tag add pkg@2.0.0 --tag=2.0.0")[:2] == ("configuration", "--tag")
    text = "npm error Must provide a package name to remove\n"
    assert first_reading(text, "npm uninstall")[:2] == ("configuration", None)


def test_yarn1_usage_error_above_the_docs_line():
    text = ("yarn remove v1.22.22\nerror Not enough arguments, expected at least 1.\n"
            "info Visit https://yarnpkg.com/en/docs/cli/remove for documentation about this command.\n")
    assert first_reading(text, "yarn remove")[:2] == ("configuration", None)


def test_npm_exec_package_option_folder_missing_is_dependency():
    text = ("npm error code ENOENT\nnpm error syscall open\nnpm error path /app/tools/gen/package.json\n"
            "npm error errno -2\nnpm error enoent Could not read package.json: Error: ENOENT: no such file "
            "or directory, open '/app/tools/gen/package.json'\n")
    assert first_reading(text, "npx --package=./tools/gen gen")[:2] == ("dependency", "/app/tools/gen")
