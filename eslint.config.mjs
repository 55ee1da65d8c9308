import nx from "@nx/eslint-plugin";

export default [
    ...nx.configs["flat/base"],
    ...nx.configs["flat/typescript"],
    ...nx.configs["flat/javascript"],
    {
        ignores: [
            "**/dist",
            "**/out-tsc"
        ]
    },
    {
        files: [
            "**/*.ts",
            "**/*.tsx",
            "**/*.js",
            "**/*.jsx"
        ],
        rules: {
            "@nx/enforce-module-boundaries": [
                "error",
                {
                    enforceBuildableLibDependency: true,
                    allow: [
                        "^.*/eslint(\\.base)?\\.config\\.[cm]?[jt]s$"
                    ],
                    depConstraints: [
                        { sourceTag: "scope:shared", onlyDependOnLibsWithTags: ["scope:shared"], bannedExternalImports: ["@nestjs/*", "@angular/*", "typeorm", "pg", "bullmq", "rxjs"] },
                        { sourceTag: "scope:server", onlyDependOnLibsWithTags: ["scope:server", "scope:shared"] },
                        { sourceTag: "scope:web", onlyDependOnLibsWithTags: ["scope:web", "scope:shared"], bannedExternalImports: ["@nestjs/*", "typeorm", "pg", "bullmq", "argon2"] },
                        { sourceTag: "type:util", onlyDependOnLibsWithTags: ["type:util"] },
                        { sourceTag: "type:core", onlyDependOnLibsWithTags: ["type:core", "type:util"] },
                        { sourceTag: "type:data-access", onlyDependOnLibsWithTags: ["type:data-access", "type:util"] },
                        { sourceTag: "type:ui", onlyDependOnLibsWithTags: ["type:ui", "type:util"] },
                        { sourceTag: "type:feature", onlyDependOnLibsWithTags: ["type:feature", "type:core", "type:data-access", "type:ui", "type:util"] },
                        { sourceTag: "type:app", onlyDependOnLibsWithTags: ["type:feature", "type:core", "type:data-access", "type:ui", "type:util"] },
                        { sourceTag: "type:e2e", onlyDependOnLibsWithTags: ["type:util"] }
                    ]
                }
            ]
        }
    },
    {
        files: [
            "**/*.ts",
            "**/*.tsx",
            "**/*.cts",
            "**/*.mts",
            "**/*.js",
            "**/*.jsx",
            "**/*.cjs",
            "**/*.mjs"
        ],
        rules: {
            "@typescript-eslint/no-unused-vars": ["warn", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }]
        }
    }
];
